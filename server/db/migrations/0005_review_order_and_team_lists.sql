DROP INDEX `deal_health_status_idx`;--> statement-breakpoint
CREATE INDEX `deal_health_summary_idx` ON `deal_health` (`status`,`information`,`relationships`,`top_decision_maker`);--> statement-breakpoint
DROP INDEX `deals_team_status_idx`;--> statement-breakpoint
ALTER TABLE `deals` ADD `attention` integer;--> statement-breakpoint
CREATE INDEX `deals_review_idx` ON `deals` (`attention`,"amount" desc,`id`);--> statement-breakpoint
CREATE INDEX `deals_team_review_idx` ON `deals` (`team_id`,`status`,`attention`,"amount" desc,`id`);--> statement-breakpoint
CREATE INDEX `deals_team_close_idx` ON `deals` (`team_id`,`close_date`,`id`);