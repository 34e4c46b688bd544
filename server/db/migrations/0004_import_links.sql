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
CREATE INDEX `import_links_local_idx` ON `import_links` (`kind`,`local_id`);