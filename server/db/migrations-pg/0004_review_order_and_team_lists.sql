DROP INDEX "deal_health_status_idx";--> statement-breakpoint
DROP INDEX "deals_team_status_idx";--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "attention" integer;--> statement-breakpoint
CREATE INDEX "deal_health_summary_idx" ON "deal_health" USING btree ("status","information","relationships","top_decision_maker");--> statement-breakpoint
CREATE INDEX "deals_review_idx" ON "deals" USING btree ("attention","amount" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "deals_team_review_idx" ON "deals" USING btree ("team_id","status","attention","amount" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "deals_team_close_idx" ON "deals" USING btree ("team_id","close_date","id");