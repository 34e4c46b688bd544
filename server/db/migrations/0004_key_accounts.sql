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