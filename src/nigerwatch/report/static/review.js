// nigerwatch review page: selection between records, spans and timeline rows, and filters.
// Everything it needs is in the page's data-* attributes; it loads nothing.
(function () {
  'use strict';
  var all = function (selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  };
  var ids = function (element, name) {
    var value = element.getAttribute(name);
    return value ? value.split(' ') : [];
  };
  var status = document.getElementById('status');

  function select(records, scrollTarget) {
    var wanted = {};
    records.forEach(function (id) { wanted[id] = true; });
    var hits = function (element) {
      return ids(element, 'data-rec').some(function (id) { return wanted[id]; });
    };
    all('.selected').forEach(function (el) { el.classList.remove('selected'); });
    all('.card').forEach(function (card) {
      var on = wanted[card.id] === true;
      card.classList.toggle('selected', on);
      var button = card.querySelector('h3 button');
      if (button) { button.setAttribute('aria-pressed', on ? 'true' : 'false'); }
    });
    var marks = all('mark.ev').filter(hits);
    marks.forEach(function (mark) { mark.classList.add('selected'); });
    all('.tl-row').filter(hits).forEach(function (row) { row.classList.add('selected'); });
    if (status) {
      status.textContent = records.length + ' record(s) selected, ' + marks.length +
        ' highlighted passage(s).';
    }
    if (scrollTarget === 'span' && marks.length) {
      marks[0].scrollIntoView({ block: 'center' });
    } else if (scrollTarget === 'card' && records.length) {
      var card = document.getElementById(records[0]);
      if (card) { card.scrollIntoView({ block: 'nearest' }); }
    }
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var mark = target.closest('mark.ev');
    if (mark && !mark.classList.contains('off')) {
      select(ids(mark, 'data-rec'), 'card');
      return;
    }
    var button = target.closest('.card h3 button');
    if (button) {
      select([button.closest('.card').id], 'span');
      return;
    }
    var row = target.closest('.tl-row');
    if (row) { select(ids(row, 'data-rec'), 'span'); }
  });

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (!(target instanceof Element) || (event.key !== 'Enter' && event.key !== ' ')) { return; }
    if (target.matches('mark.ev, .tl-row')) {
      event.preventDefault();
      target.click();
    }
  });

  function applyFilters() {
    var types = {};
    all('input[name="type"]').forEach(function (box) { types[box.value] = box.checked; });
    var country = document.getElementById('f-country').value;
    var stage = document.getElementById('f-status').value;
    var shown = function (element) {
      return types[element.getAttribute('data-type')] !== false &&
        (!country || ids(element, 'data-countries').indexOf(country) >= 0) &&
        (!stage || element.getAttribute('data-status') === stage);
    };
    var visible = {};
    all('.card').forEach(function (card) {
      var on = shown(card);
      card.hidden = !on;
      visible[card.id] = on;
    });
    all('mark.ev').forEach(function (mark) {
      var on = ids(mark, 'data-rec').some(function (id) { return visible[id]; });
      mark.classList.toggle('off', !on);
      mark.tabIndex = on ? 0 : -1;
    });
    all('.tl-row').forEach(function (row) { row.hidden = !shown(row); });
    var count = Object.keys(visible).filter(function (id) { return visible[id]; }).length;
    if (status) { status.textContent = count + ' record(s) shown.'; }
  }

  all('nav.filters input, nav.filters select').forEach(function (control) {
    control.addEventListener('change', applyFilters);
  });
  document.documentElement.setAttribute('data-ready', 'true');
}());
