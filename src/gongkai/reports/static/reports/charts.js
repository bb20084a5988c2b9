// Draws each chart from its <script type="application/json"> data (json_script); the table beside it holds
// the same numbers, so the page works without JavaScript and with a screen reader.
(function () {
  "use strict";
  if (!window.echarts) { return; }
  document.querySelectorAll("[data-chart]").forEach(function (box) {
    var source = document.getElementById(box.getAttribute("data-chart"));
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    box.hidden = false;
    var chart = window.echarts.init(box, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      title: { text: data.title, left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 56 },
      xAxis: { type: "category", data: data.categories },
      yAxis: { type: "value" },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: data.series.length > 1 ? "total" : undefined, data: s.data };
      })
    });
  });
})();
