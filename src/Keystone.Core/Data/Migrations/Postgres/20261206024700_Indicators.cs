using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Keystone.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Indicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "indicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Unit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Accumulation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GrowthDecimals = table.Column<int>(type: "integer", nullable: false),
                    RankBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ComparablePrices = table.Column<bool>(type: "boolean", nullable: false),
                    ProvinceId = table.Column<int>(type: "integer", nullable: true),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Verb = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    GrowthWord = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_indicators_org_units_ProvinceId",
                        column: x => x.ProvinceId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "indicator_targets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Target = table.Column<decimal>(type: "numeric(24,6)", precision: 24, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_indicator_targets_indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_indicator_targets_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "indicator_values",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(24,6)", precision: 24, scale: 6, nullable: true),
                    LastYear = table.Column<decimal>(type: "numeric(24,6)", precision: 24, scale: 6, nullable: true),
                    Growth = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    Decimals = table.Column<int>(type: "integer", nullable: true),
                    PublishedRank = table.Column<int>(type: "integer", nullable: true),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator_values", x => x.Id);
                    table.ForeignKey(
                        name: "FK_indicator_values_indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_indicator_values_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "indicators",
                columns: new[] { "Id", "Accumulation", "ComparablePrices", "GrowthDecimals", "GrowthWord", "Name", "Order", "ProvinceId", "RankBy", "Unit", "Verb" },
                values: new object[,]
                {
                    { 1, "YearToDate", true, 1, "增长", "地区生产总值", 10, null, "Growth", "亿元", "完成" },
                    { 2, "YearToDate", true, 1, "增长", "规上工业增加值", 20, null, "Growth", "亿元", "完成" },
                    { 3, "YearToDate", false, 1, "增长", "工业投资", 30, null, "Growth", "亿元", "完成" },
                    { 4, "YearToDate", false, 1, "增长", "固定资产投资", 40, null, "Growth", "亿元", "完成" },
                    { 5, "YearToDate", false, 1, "增长", "社会消费品零售总额", 50, null, "Growth", "亿元", "" },
                    { 6, "YearToDate", false, 1, "同比增长", "一般公共预算收入", 60, null, "Growth", "亿元", "" },
                    { 7, "YearToDate", false, 1, "同比增长", "新设立市场主体", 70, null, "Growth", "户", "" },
                    { 8, "YearToDate", false, 1, "增长", "规上原煤产量", 80, null, "Growth", "万吨", "实现" },
                    { 9, "YearToDate", false, 1, "增长", "发电量", 90, null, "Growth", "亿千瓦时", "完成" },
                    { 10, "YearToDate", false, 1, "增长", "营业收入", 100, null, "Growth", "亿元", "实现" },
                    { 11, "YearToDate", false, 1, "增长", "税收", 110, null, "Growth", "亿元", "实现" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_indicator_targets_IndicatorId",
                table: "indicator_targets",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_indicator_targets_OrgUnitId_IndicatorId_Year",
                table: "indicator_targets",
                columns: new[] { "OrgUnitId", "IndicatorId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_indicator_values_IndicatorId_Period",
                table: "indicator_values",
                columns: new[] { "IndicatorId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_indicator_values_OrgUnitId_IndicatorId_Period",
                table: "indicator_values",
                columns: new[] { "OrgUnitId", "IndicatorId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_indicators_ProvinceId_Name",
                table: "indicators",
                columns: new[] { "ProvinceId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "indicator_targets");

            migrationBuilder.DropTable(
                name: "indicator_values");

            migrationBuilder.DropTable(
                name: "indicators");
        }
    }
}
