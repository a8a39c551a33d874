using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChainMemberOnePerEnterprise : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A registered enterprise the chain map listed on more than one link keeps its first place; its other
            // rows stay on their links by name only (nothing is deleted), so the index below can be unique.
            migrationBuilder.Sql("""
                UPDATE "promotion_chain_members" SET "EnterpriseId" = NULL
                WHERE "EnterpriseId" IS NOT NULL
                  AND "Id" NOT IN (SELECT MIN("Id") FROM "promotion_chain_members" WHERE "EnterpriseId" IS NOT NULL GROUP BY "EnterpriseId");
                """);

            migrationBuilder.DropIndex(
                name: "IX_promotion_chain_members_EnterpriseId",
                table: "promotion_chain_members");

            migrationBuilder.CreateIndex(
                name: "IX_promotion_chain_members_EnterpriseId",
                table: "promotion_chain_members",
                column: "EnterpriseId",
                unique: true,
                filter: "\"EnterpriseId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_promotion_chain_members_EnterpriseId",
                table: "promotion_chain_members");

            migrationBuilder.CreateIndex(
                name: "IX_promotion_chain_members_EnterpriseId",
                table: "promotion_chain_members",
                column: "EnterpriseId");
        }
    }
}
