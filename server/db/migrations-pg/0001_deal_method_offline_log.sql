CREATE TABLE "flag_snoozes" (
	"deal_id" integer NOT NULL,
	"code" text NOT NULL,
	"until" text NOT NULL,
	"reason" text NOT NULL,
	"by_user_id" integer NOT NULL,
	"created_at" text DEFAULT to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') NOT NULL,
	CONSTRAINT "flag_snoozes_deal_id_code_pk" PRIMARY KEY("deal_id","code")
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "client_id" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "left_at" text;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "loss_cause" text;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "lost_to" text;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "closed_thresholds" jsonb;--> statement-breakpoint
ALTER TABLE "flag_snoozes" ADD CONSTRAINT "flag_snoozes_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flag_snoozes" ADD CONSTRAINT "flag_snoozes_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activities_client_id_unique" ON "activities" USING btree ("client_id");