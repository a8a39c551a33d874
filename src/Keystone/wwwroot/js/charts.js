// Draws every [data-chart] element with ECharts from the option the server put in the attribute.
// Pages work without this file: every chart has its numbers in a table beside it.
(function () {
  if (!window.echarts) return;
  var charts = [];
  var nodes = document.querySelectorAll("[data-chart]");
  for (var i = 0; i < nodes.length; i++) {
    (function (el) {
      var option = JSON.parse(el.getAttribute("data-chart"));
      var links = el.getAttribute("data-links") ? JSON.parse(el.getAttribute("data-links")) : null;
      // The height comes as data, not a style attribute, so a style-src policy need not allow inline styles.
      el.style.height = (parseInt(el.getAttribute("data-height"), 10) || 300) + "px";
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      option.animation = false;
      option.textStyle = { fontFamily: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif" };
      chart.setOption(option);
      if (links) {
        chart.on("click", function (p) {
          var url = links[p.dataIndex];
          if (url) window.location.href = url;
        });
      }
      charts.push(chart);
    })(nodes[i]);
  }
  function resize() { for (var j = 0; j < charts.length; j++) charts[j].resize(); }
  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", resize);
})();
