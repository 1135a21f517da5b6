// Draws the dashboard's bar chart from the figures of the table next to it, so the page needs no second
// request and the table remains the accessible version of the chart.
(function () {
  'use strict';

  var LABEL_SIZE = 12;

  /** The widest label in the page's font; ECharts' own containLabel measures with another font and clips. */
  function widest(labels, font) {
    var context = document.createElement('canvas').getContext('2d');
    context.font = LABEL_SIZE + 'px ' + font;
    return labels.reduce(function (width, label) {
      return Math.max(width, context.measureText(label).width);
    }, 0);
  }

  function draw() {
    var container = document.getElementById('kind-chart');
    if (!container || typeof window.echarts === 'undefined') {
      return;
    }
    var rows = document.querySelectorAll('#' + container.dataset.chartSource + ' tbody tr');
    var labels = [];
    var values = [];
    rows.forEach(function (row) {
      labels.push(row.dataset.label);
      values.push(Number(row.dataset.value));
    });
    container.hidden = false;
    var font = window.getComputedStyle(document.body).fontFamily;
    var chart = window.echarts.init(container, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: font, color: '#1b2430' },
      grid: { left: Math.ceil(widest(labels, font)) + 20, right: 32, top: 8, bottom: 28 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: '#4a5565' },
        splitLine: { lineStyle: { color: '#e3e7ed' } }
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: labels,
        axisLabel: { color: '#1b2430', fontFamily: font, fontSize: LABEL_SIZE },
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#c3cad5' } }
      },
      series: [{
        type: 'bar',
        data: values,
        barMaxWidth: 22,
        itemStyle: { color: '#1a5fb4', borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', color: '#1b2430' }
      }]
    });
    container.setAttribute('data-rendered', 'true');
    window.addEventListener('resize', function () {
      chart.resize();
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
