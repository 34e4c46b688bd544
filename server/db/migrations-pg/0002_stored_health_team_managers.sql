CREATE TABLE "deal_health" (
	"deal_id" integer NOT NULL,
	"status" text NOT NULL,
	"crossed" integer NOT NULL,
	"influence" double precision NOT NULL,
	"information" boolean NOT NULL,
	"relationships" boolean NOT NULL,
	"top_decision_maker" boolean NOT NULL,
	"health" jsonb NOT NULL,
	"scored_at" text NOT NULL,
	CONSTRAINT "deal_health_deal_id_pk" PRIMARY KEY("deal_id")
);
--> statement-breakpoint
CREATE TABLE "team_managers" (
	"team_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "team_managers_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "deal_health" ADD CONSTRAINT "deal_health_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_managers" ADD CONSTRAINT "team_managers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_managers" ADD CONSTRAINT "team_managers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_health_status_idx" ON "deal_health" USING btree ("status","deal_id");--> statement-breakpoint
CREATE INDEX "team_managers_user_idx" ON "team_managers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "deals_close_date_idx" ON "deals" USING btree ("close_date","id");