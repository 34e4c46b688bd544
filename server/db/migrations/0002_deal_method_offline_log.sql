CREATE TABLE `flag_snoozes` (
	`deal_id` integer NOT NULL,
	`code` text NOT NULL,
	`until` text NOT NULL,
	`reason` text NOT NULL,
	`by_user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`deal_id`, `code`),
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `activities` ADD `client_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `activities_client_id_unique` ON `activities` (`client_id`);--> statement-breakpoint
ALTER TABLE `contacts` ADD `left_at` text;--> statement-breakpoint
ALTER TABLE `deals` ADD `loss_cause` text;--> statement-breakpoint
ALTER TABLE `deals` ADD `lost_to` text;--> statement-breakpoint
ALTER TABLE `deals` ADD `closed_thresholds` text;