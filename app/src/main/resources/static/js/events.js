// Draws the event explorer's time histogram from /events/histogram with the same filters as the table, so the
// chart and the table agree; the page stays usable (the table) without scripts or when the request fails.
(function () {
  'use strict';

  function label(ms, bucketSeconds, language) {
    var options = bucketSeconds >= 86400
      ? { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit' }
      : { timeZone: 'Asia/Taipei', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false };
    return new Date(ms).toLocaleString(language, options);
  }

  function draw(container, data) {
    var language = document.documentElement.lang || 'en';
    var labels = data.starts.map(function (ms) { return label(ms, data.bucketSeconds, language); });
    container.hidden = false;
    var font = window.getComputedStyle(document.body).fontFamily;
    var chart = window.echarts.init(container, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: font, color: '#1b2430' },
      grid: { left: 48, right: 16, top: 12, bottom: 48 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: labels, axisLabel: { color: '#4a5565', hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#4a5565' } },
      series: [{ type: 'bar', data: data.counts, itemStyle: { color: '#1f5f99' }, barCategoryGap: '10%' }]
    });
    var total = data.counts.reduce(function (sum, n) { return sum + n; }, 0);
    container.setAttribute('aria-label', container.getAttribute('aria-label') + ': ' + total);
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function load() {
    var container = document.getElementById('event-histogram');
    if (!container || typeof window.echarts === 'undefined' || !container.dataset.url) {
      return;
    }
    fetch(container.dataset.url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.counts) {
          draw(container, data);
        }
      })
      .catch(function () { /* the table remains; a missing chart is no reason to break the page */ });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', load);
  } else {
    load();
  }
})();
