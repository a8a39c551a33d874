using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keystone.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChainMemberOnePerEnterprise : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
