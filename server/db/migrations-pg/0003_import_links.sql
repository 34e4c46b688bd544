CREATE TABLE "import_links" (
	"team_id" integer NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"external_id" text NOT NULL,
	"local_id" integer NOT NULL,
	"hash" text NOT NULL,
	"imported_at" text NOT NULL,
	CONSTRAINT "import_links_team_id_source_kind_external_id_pk" PRIMARY KEY("team_id","source","kind","external_id")
);
--> statement-breakpoint
ALTER TABLE "import_links" ADD CONSTRAINT "import_links_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_links_local_idx" ON "import_links" USING btree ("kind","local_id");