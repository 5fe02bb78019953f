// Package chart builds the ECharts charts of the page models: bars against
// a reference, stacked and grouped bars, trend and rank lines, radars and
// heatmaps. Options are go-echarts types encoded with encoding/json and
// HTML-escaped, so a label holding "</script>" cannot end the script element
// a page puts the option in; chart ids come from the content, so the same
// chart always gets the same id and two builds write the same bytes.
package chart
