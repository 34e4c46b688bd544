CREATE TABLE `account_activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`occurred_at` text NOT NULL,
	`summary` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`client_id` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_activities_account_idx` ON `account_activities` (`account_id`,`occurred_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `account_activities_client_id_unique` ON `account_activities` (`client_id`);--> statement-breakpoint
CREATE TABLE `account_activity_contacts` (
	`activity_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	PRIMARY KEY(`activity_id`, `contact_id`),
	FOREIGN KEY (`activity_id`) REFERENCES `account_activities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `account_activity_contacts_contact_idx` ON `account_activity_contacts` (`contact_id`);--> statement-breakpoint
CREATE TABLE `account_flags` (
	`account_id` integer NOT NULL,
	`code` text NOT NULL,
	`raised_at` text NOT NULL,
	PRIMARY KEY(`account_id`, `code`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `account_practices` (
	`account_id` integer NOT NULL,
	`practice` text NOT NULL,
	`done_by` integer NOT NULL,
	`done_at` text NOT NULL,
	PRIMARY KEY(`account_id`, `practice`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `complaints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`summary` text NOT NULL,
	`severity` text NOT NULL,
	`opened_at` text NOT NULL,
	`resolution` text,
	`resolved_at` text,
	`resolved_by` integer,
	`created_by` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `complaints_account_idx` ON `complaints` (`account_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `import_links` (
	`team_id` integer NOT NULL,
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`external_id` text NOT NULL,
	`local_id` integer NOT NULL,
	`hash` text NOT NULL,
	`imported_at` text NOT NULL,
	PRIMARY KEY(`team_id`, `source`, `kind`, `external_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_links_local_idx` ON `import_links` (`kind`,`local_id`);--> statement-breakpoint
CREATE TABLE `oidc_logins` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text NOT NULL,
	`return_to` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sign_in_settings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`password_for_everyone` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webhook_id` integer NOT NULL,
	`event_id` text NOT NULL,
	`event` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`claimed_until` text,
	`last_attempt_at` text,
	`response_status` integer,
	`error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`delivered_at` text,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_webhook_idx` ON `webhook_deliveries` (`webhook_id`,`id`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`secret` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `accounts` ADD `phase` text DEFAULT 'prospect' NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `owner_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `accounts` ADD `strategic_value` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `credit_standing` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `product_fit` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `central_purchasing` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `updated_at` text;--> statement-breakpoint
ALTER TABLE `accounts` DROP COLUMN `purchase_pattern`;--> statement-breakpoint
ALTER TABLE `team_settings` ADD `account_settings` text;--> statement-breakpoint
ALTER TABLE `team_settings` ADD `account_settings_version` integer DEFAULT 1 NOT NULL;