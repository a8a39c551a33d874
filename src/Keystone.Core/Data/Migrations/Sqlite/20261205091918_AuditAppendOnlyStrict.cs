using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAppendOnlyStrict : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OrgUnitId",
                table: "audit_log",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_OrgUnitId_At",
                table: "audit_log",
                columns: new[] { "OrgUnitId", "At" });

            // Earlier entries get the unit their key names today (a project's entries its current unit);
            // what cannot be named (enterprises, a unit's name used twice) stays without one: a province
            // administrator's to read. The update trigger is lifted for this one statement only.
            migrationBuilder.Sql("DROP TRIGGER audit_log_no_update;");
            migrationBuilder.Sql("""
                UPDATE audit_log SET "OrgUnitId" = CASE
                  WHEN "Entity" IN ('project', 'schedule', 'factors', 'plan', 'report', 'workItem', 'procedure', 'funds', 'emissions', 'photo') THEN
                    (SELECT p."OrgUnitId" FROM projects p WHERE p."Code" = CASE WHEN instr(audit_log."EntityKey", '/') > 0 THEN substr(audit_log."EntityKey", 1, instr(audit_log."EntityKey", '/') - 1) ELSE audit_log."EntityKey" END)
                  WHEN "Entity" = 'problem' THEN (SELECT p."OrgUnitId" FROM problems p WHERE p."Number" = audit_log."EntityKey")
                  WHEN "Entity" = 'notice' THEN (SELECT p."OrgUnitId" FROM supervision_notices n JOIN problems p ON p."Id" = n."ProblemId" WHERE n."Reference" = audit_log."EntityKey")
                  WHEN "Entity" IN ('lightRules', 'closedPeriod') THEN
                    (SELECT u."Id" FROM org_units u WHERE CAST(u."Id" AS TEXT) = CASE WHEN instr(audit_log."EntityKey", '/') > 0 THEN substr(audit_log."EntityKey", 1, instr(audit_log."EntityKey", '/') - 1) ELSE audit_log."EntityKey" END)
                  WHEN "Entity" IN ('user', 'signIn', 'token') THEN (SELECT u."OrgUnitId" FROM users u WHERE u."UserName" = audit_log."EntityKey")
                  WHEN "Entity" = 'unit' THEN
                    (SELECT CASE WHEN audit_log."Action" = 'created' THEN u."ParentId" ELSE u."Id" END FROM org_units u
                     WHERE u."Name" = audit_log."EntityKey" AND (SELECT COUNT(*) FROM org_units v WHERE v."Name" = u."Name") = 1)
                END;
                """);
            migrationBuilder.Sql("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");

            // INSERT OR REPLACE of an existing id deletes the old row without firing the delete trigger
            // (SQLite fires none for a REPLACE unless recursive triggers are on): refuse the insert itself.
            migrationBuilder.Sql("""CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log WHEN EXISTS (SELECT 1 FROM audit_log WHERE "Id" = NEW."Id") BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_log_no_replace;");

            migrationBuilder.DropIndex(
                name: "IX_audit_log_OrgUnitId_At",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "OrgUnitId",
                table: "audit_log");
        }
    }
}
