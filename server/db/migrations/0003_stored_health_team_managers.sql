CREATE TABLE `deal_health` (
	`deal_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`crossed` integer NOT NULL,
	`influence` real NOT NULL,
	`information` integer NOT NULL,
	`relationships` integer NOT NULL,
	`top_decision_maker` integer NOT NULL,
	`health` text NOT NULL,
	`scored_at` text NOT NULL,
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deal_health_status_idx` ON `deal_health` (`status`,`deal_id`);--> statement-breakpoint
CREATE TABLE `team_managers` (
	`team_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `team_managers_user_idx` ON `team_managers` (`user_id`);--> statement-breakpoint
ALTER TABLE `teams` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `deals_close_date_idx` ON `deals` (`close_date`,`id`);