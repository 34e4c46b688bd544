DROP INDEX `deals_owner_idx`;--> statement-breakpoint
CREATE INDEX `deals_owner_close_idx` ON `deals` (`owner_id`,`close_date`,`id`);--> statement-breakpoint
CREATE INDEX `deals_owner_review_idx` ON `deals` (`owner_id`,`status`,`attention`,"amount" desc,`id`);