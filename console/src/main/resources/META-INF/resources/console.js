// Plain browser script for the console: the live alert board, ages and times in the page's language.
(function () {
  'use strict';
  var lang = document.documentElement.lang === 'en' ? 'en' : 'zh';

  function age(since) {
    var s = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 1000));
    if (s < 60) return lang === 'en' ? s + ' s' : s + ' 秒';
    var m = Math.floor(s / 60);
    if (m < 60) return lang === 'en' ? m + ' min' : m + ' 分钟';
    var h = Math.floor(m / 60);
    if (h < 48) return lang === 'en' ? h + ' h ' + (m % 60) + ' min' : h + ' 小时 ' + (m % 60) + ' 分';
    return lang === 'en' ? Math.floor(h / 24) + ' days' : Math.floor(h / 24) + ' 天';
  }

  function refreshTimes(root) {
    root.querySelectorAll('.age[data-since]').forEach(function (el) {
      if (el.dataset.since) el.textContent = age(el.dataset.since);
    });
    root.querySelectorAll('.time[data-at]').forEach(function (el) {
      if (el.dataset.at && !el.dataset.done) {
        var d = new Date(el.dataset.at);
        if (!isNaN(d)) el.textContent = d.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {hour12: false});
        el.dataset.done = '1';
      }
    });
  }

  function rowFrom(html) {
    var t = document.createElement('template');
    t.innerHTML = html.trim();
    return t.content.firstElementChild;
  }

  var board = document.getElementById('board');
  if (board && window.EventSource) {
    var live = document.getElementById('live-state');
    var source = new EventSource(board.dataset.stream);
    source.onopen = function () { live.textContent = live.dataset.on; live.className = 'live on'; };
    source.onerror = function () { live.textContent = live.dataset.off; live.className = 'live off'; };
    source.addEventListener('upsert', function (e) {
      var row = rowFrom(e.data);
      var empty = document.getElementById('board-empty');
      if (empty) empty.remove();
      var old = document.getElementById(row.id);
      if (old) {
        old.replaceWith(row);
      } else {
        board.insertBefore(row, board.firstElementChild);
        row.classList.add('fresh');
      }
      refreshTimes(row);
    });
    source.addEventListener('remove', function (e) {
      var old = document.getElementById('alert-' + e.data);
      if (old) old.remove();
    });
    board.addEventListener('click', function (e) {
      var tr = e.target.closest('tr[data-href]');
      if (tr && !e.target.closest('a')) window.location = tr.dataset.href;
    });
  }

  refreshTimes(document);
  setInterval(function () { refreshTimes(document); }, 1000);
})();
