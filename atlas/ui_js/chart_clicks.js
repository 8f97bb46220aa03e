// Streamlit makes a click on a chart in box-select mode a bare event, which it does not report, and a double
// click after a span was drawn finds nothing to clear on the redrawn chart. This fixed script of ours turns a
// click on a mark that names a record (customdata [kind, id]) into a one-mark selection, which the page reports
// as usual, and a double click into a press of the undo button. Hooked on a chart's first pointer press, as
// charts are redrawn.
(function () {
  if (window.atlasChartClicks) { return; }
  window.atlasChartClicks = true;
  var CHARTS = ".st-key-timeline, .st-key-acled_timeline";
  function mark(p) {
    return {curveNumber: p.curveNumber, pointNumber: p.pointNumber, pointIndex: p.pointIndex, x: p.x, y: p.y,
            customdata: p.customdata};
  }
  document.addEventListener("pointerdown", function (event) {
    var chart = event.target && event.target.closest && event.target.closest(CHARTS);
    var plot = chart && chart.querySelector(".js-plotly-plot");
    if (!plot || plot.atlasClicks || !plot.on) { return; }
    plot.atlasClicks = true;
    plot.on("plotly_click", function (click) {
      var marks = (click.points || []).filter(function (p) {
        return Array.isArray(p.customdata) && p.customdata.length >= 2;
      });
      if (marks.length) { plot.emit("plotly_selected", {points: marks.map(mark)}); }
    });
    plot.on("plotly_deselect", function () {  // what a double click is in box-select mode
      var undo = document.querySelector(".st-key-undo_span button");
      if (undo) { undo.click(); }
    });
  }, true);
})();
