/*
 * An in-page stand-in for Office.js, served by the e2e test in place of Microsoft's CDN script.
 * It implements just the API surface the add-in's adapters use (addin/src/excel), holds cell
 * values in memory, enforces load + sync before reads as Office.js does, records calls and syncs,
 * and draws the active sheet beside the task pane so screenshots show what a user would see.
 * The test drives it through window.__excel (typing into cells, reading marks back).
 */
(function () {
  'use strict';
  var MAX_ROWS = 1048576;
  var MAX_COLS = 16384;
  var S = { sheets: [], activeId: null, selection: null, calls: [], syncs: 0, runs: 0, nextId: 1, apiVersion: '1.12' };
  var pendingLoads = new Set();

  function colIndex(letters) {
    var n = 0;
    for (var i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
    return n - 1;
  }
  function colLetters(c) {
    var n = c + 1,
      s = '';
    while (n > 0) {
      var r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  }
  function parseRect(address) {
    if (address === undefined) return { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS };
    var m = /^([A-Z]+):([A-Z]+)$/.exec(address);
    if (m) return { row: 0, col: colIndex(m[1]), rows: MAX_ROWS, cols: colIndex(m[2]) - colIndex(m[1]) + 1 };
    m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
    if (!m) throw new Error('fake Excel: unsupported address ' + address);
    var row = Number(m[2]) - 1,
      col = colIndex(m[1]);
    if (!m[3]) return { row: row, col: col, rows: 1, cols: 1 };
    return { row: row, col: col, rows: Number(m[4]) - row, cols: colIndex(m[3]) - col + 1 };
  }
  function key(r, c) {
    return r + ',' + c;
  }
  function record(op, sheet, detail) {
    S.calls.push({ op: op, sheet: sheet ? sheet.name : undefined, detail: detail });
  }

  function addSheet(name) {
    if (sheetBy(name)) throw officeError('InvalidArgument', 'A sheet named ' + name + ' exists');
    var s = {
      id: '{' + String(S.nextId++).padStart(8, '0') + '-0001-0000-0000-000000000000}',
      name: name,
      visibility: 'Visible',
      cells: new Map(),
      tables: [],
      pivots: [],
      hidden: new Set(),
      frozen: 0,
    };
    S.sheets.push(s);
    if (!S.activeId) S.activeId = s.id;
    return s;
  }
  function sheetBy(k) {
    for (var i = 0; i < S.sheets.length; i++) if (S.sheets[i].id === k) return S.sheets[i];
    for (i = 0; i < S.sheets.length; i++)
      if (S.sheets[i].name.toLowerCase() === String(k).toLowerCase()) return S.sheets[i];
    return undefined;
  }
  function officeError(code, message) {
    var e = new Error(message);
    e.name = 'RichApi.Error';
    e.code = code;
    return e;
  }
  function cell(sheet, r, c) {
    var k = key(r, c),
      x = sheet.cells.get(k);
    if (!x) {
      x = { value: '' };
      sheet.cells.set(k, x);
    }
    return x;
  }
  function isEmpty(v) {
    return v === '' || v === null || v === undefined;
  }
  function usedRect(sheet) {
    var r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    sheet.cells.forEach(function (x, k) {
      if (isEmpty(x.value)) return;
      var p = k.split(','),
        r = +p[0],
        c = +p[1];
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    });
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
  function read(sheet, rect, field) {
    var out = [];
    for (var r = 0; r < rect.rows; r++) {
      var row = [];
      for (var c = 0; c < rect.cols; c++) {
        var x = sheet.cells.get(key(rect.row + r, rect.col + c));
        row.push(field === 'numberFormat' ? (x && x.format) || 'General' : x ? x.value : '');
      }
      out.push(row);
    }
    return out;
  }
  /** Excel's reading of what lands in a General cell: digits become numbers, text stays text. */
  function excelValue(v, format) {
    if (v === null || v === undefined) return '';
    if (typeof v === 'string' && format !== '@' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
    return v;
  }
  function each(sheet, rect, fn) {
    if (rect.rows * rect.cols > 2000000) {
      sheet.cells.forEach(function (x, k) {
        var p = k.split(','),
          r = +p[0],
          c = +p[1];
        if (r >= rect.row && r < rect.row + rect.rows && c >= rect.col && c < rect.col + rect.cols) fn(x, r, c);
      });
      return;
    }
    for (var r = 0; r < rect.rows; r++)
      for (var c = 0; c < rect.cols; c++) fn(cell(sheet, rect.row + r, rect.col + c), rect.row + r, rect.col + c);
  }

  /* ---- load / sync: reads are only answered after load + sync, like Office.js ---- */
  function makeLoadable(obj, compute) {
    obj._req = new Set();
    obj._snap = {};
    obj._compute = compute;
    obj.load = function (props) {
      var list = typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : Object.keys(props || {});
      list.forEach(function (p) {
        obj._req.add(p.trim());
      });
      pendingLoads.add(obj);
      return obj;
    };
    return obj;
  }
  function loaded(obj, p) {
    if (!(p in obj._snap))
      throw officeError(
        'PropertyNotLoaded',
        "The property '" + p + "' is not available. Call load() and context.sync() first.",
      );
    return obj._snap[p];
  }
  function prop(obj, name, setter) {
    Object.defineProperty(obj, name, {
      get: function () {
        return loaded(obj, name);
      },
      set:
        setter ||
        function () {
          throw new Error('fake Excel: ' + name + ' is read-only');
        },
    });
  }
  function collection(list, extra) {
    var c = makeLoadable(extra, function (p) {
      return p.indexOf('items') === 0 ? list() : undefined;
    });
    Object.defineProperty(c, 'items', {
      get: function () {
        return loaded(c, 'items');
      },
    });
    c.load = (function (orig) {
      return function () {
        orig.call(c, 'items');
        return c;
      };
    })(c.load);
    return c;
  }

  function Range(sheetOf, address, dynamic) {
    var self = this;
    var fixed = dynamic ? null : parseRect(address);
    function rect() {
      return fixed || dynamic();
    }
    function sheet() {
      var s = sheetOf();
      if (!s) throw officeError('ItemNotFound', 'The worksheet does not exist');
      return s;
    }
    makeLoadable(this, function (p) {
      var r = rect();
      if (p === 'isNullObject') return r === null;
      if (!r) return undefined;
      if (p === 'values' || p === 'numberFormat') return read(sheet(), r, p);
      if (p === 'address') return sheet().name + '!' + (address || '');
      return { rowIndex: r.row, columnIndex: r.col, rowCount: r.rows, columnCount: r.cols }[p];
    });
    ['isNullObject', 'address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount'].forEach(function (p) {
      prop(self, p);
    });
    prop(this, 'values', function (v) {
      var s = sheet(),
        r = rect();
      record('values', s, { address: address, rows: v.length });
      for (var i = 0; i < r.rows; i++)
        for (var j = 0; j < r.cols; j++) {
          var x = cell(s, r.row + i, r.col + j);
          x.value = excelValue(v[i] && v[i][j], x.format);
        }
    });
    Object.defineProperty(this, 'numberFormat', {
      get: function () {
        return loaded(self, 'numberFormat');
      },
      set: function (v) {
        var s = sheet(),
          r = rect();
        record('numberFormat', s, { address: address });
        for (var i = 0; i < r.rows; i++)
          for (var j = 0; j < r.cols; j++) cell(s, r.row + i, r.col + j).format = (v[i] && v[i][j]) || v[0][0];
      },
    });
    Object.defineProperty(this, 'columnHidden', {
      set: function (v) {
        var s = sheet(),
          r = rect();
        record('columnHidden', s, address);
        for (var c = r.col; c < r.col + r.cols; c++) v ? s.hidden.add(c) : s.hidden.delete(c);
      },
    });
    this.format = {
      fill: {
        set color(c) {
          record('fill.color', sheet(), { address: address, color: c });
          each(sheet(), rect(), function (x) {
            x.fill = c;
          });
        },
        clear: function () {
          record('fill.clear', sheet(), address);
          each(sheet(), rect(), function (x) {
            x.fill = null;
          });
        },
      },
      font: {
        set color(c) {
          each(sheet(), rect(), function (x) {
            x.font = c;
          });
        },
      },
      autofitColumns: function () {
        record('autofitColumns', sheet(), address);
      },
    };
    this.dataValidation = {
      set prompt(p) {
        record('dataValidation.prompt', sheet(), { address: address, prompt: p });
        each(sheet(), rect(), function (x) {
          x.prompt = { title: p.title, message: p.message };
        });
      },
      set rule(rule) {
        record('dataValidation.rule', sheet(), { address: address, rule: rule });
        each(sheet(), rect(), function (x) {
          x.validation = rule;
        });
      },
      clear: function () {
        each(sheet(), rect(), function (x) {
          x.prompt = null;
          x.validation = null;
        });
      },
    };
    this.clear = function () {
      var s = sheet(),
        r = rect();
      record('clear', s, address);
      Array.from(s.cells.keys()).forEach(function (k) {
        var p = k.split(','),
          row = +p[0],
          col = +p[1];
        if (row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols) s.cells.delete(k);
      });
    };
    this.select = function () {
      var s = sheet();
      record('select', s, address);
      S.activeId = s.id;
      S.selection = { sheet: s.name, address: address };
    };
    this.__address = address;
  }

  function Pivot(sheet, rec) {
    function adder(list, op) {
      return {
        add: function (h) {
          record(op, sheet, h.name);
          list.push(h.name);
          return h;
        },
      };
    }
    this.hierarchies = {
      getItem: function (name) {
        return { name: name };
      },
    };
    this.rowHierarchies = adder(rec.rows, 'pivot.rows');
    this.columnHierarchies = adder(rec.columns, 'pivot.columns');
    this.filterHierarchies = adder(rec.filters, 'pivot.filters');
    this.filterHierarchies.getItem = function (name) {
      return {
        fields: {
          getItem: function (f) {
            return {
              applyFilter: function (filter) {
                record('pivot.applyFilter', sheet, filter);
                rec.appliedFilters.push({ field: f || name, filter: filter });
              },
            };
          },
        },
      };
    };
    this.dataHierarchies = {
      add: function (h) {
        var entry = { field: h.name, summarizeBy: null };
        rec.data.push(entry);
        record('pivot.data', sheet, h.name);
        return {
          set summarizeBy(v) {
            entry.summarizeBy = v;
          },
        };
      },
    };
    this.delete = function () {
      sheet.pivots = sheet.pivots.filter(function (p) {
        return p !== rec;
      });
    };
  }

  function Worksheet(find) {
    var self = this;
    function sheet() {
      var s = find();
      if (!s) throw officeError('ItemNotFound', 'The worksheet does not exist');
      return s;
    }
    makeLoadable(this, function (p) {
      var s = find();
      if (p === 'isNullObject') return !s;
      return s ? s[p] : undefined;
    });
    prop(this, 'isNullObject');
    prop(this, 'id');
    prop(this, 'name');
    prop(this, 'visibility', function (v) {
      record('visibility', sheet(), v);
      sheet().visibility = v;
    });
    function tableObj(s, t) {
      return {
        __table: t,
        get name() {
          return t.name;
        },
        set name(v) {
          t.name = v;
        },
        delete: function () {
          record('table.delete', s, t.name);
          s.tables = s.tables.filter(function (x) {
            return x !== t;
          });
        },
      };
    }
    var tables, pivots;
    Object.defineProperty(this, 'tables', {
      get: function () {
        // One collection per worksheet object, as in Office.js: load() then read .items on it.
        return (
          tables ||
          (tables = collection(
            function () {
              return sheet().tables.map(function (t) {
                return tableObj(sheet(), t);
              });
            },
            {
              add: function (address, hasHeaders) {
                var s = sheet(),
                  t = { name: 'Table' + (s.tables.length + 1), address: address, hasHeaders: hasHeaders };
                record('tables.add', s, address);
                s.tables.push(t);
                return tableObj(s, t);
              },
              getItem: function (name) {
                var t = sheet().tables.filter(function (x) {
                  return x.name === name;
                })[0];
                if (!t) throw officeError('ItemNotFound', 'No table ' + name);
                return tableObj(sheet(), t);
              },
            },
          ))
        );
      },
    });
    Object.defineProperty(this, 'pivotTables', {
      get: function () {
        return (
          pivots ||
          (pivots = collection(
            function () {
              return sheet().pivots.map(function (p) {
                return new Pivot(sheet(), p);
              });
            },
            {
              add: function (name, source, destination) {
                var s = sheet();
                var rec = {
                  name: name,
                  source: source.__table ? source.__table.name : '?',
                  destination: destination.__address,
                  rows: [],
                  columns: [],
                  data: [],
                  filters: [],
                  appliedFilters: [],
                };
                record('pivotTables.add', s, rec.source);
                s.pivots.push(rec);
                return new Pivot(s, rec);
              },
            },
          ))
        );
      },
    });
    this.getRange = function (address) {
      return new Range(find, address);
    };
    this.getUsedRangeOrNullObject = function () {
      return new Range(find, undefined, function () {
        return usedRect(sheet());
      });
    };
    this.freezePanes = {
      freezeRows: function (n) {
        sheet().frozen = n;
      },
    };
    this.activate = function () {
      S.activeId = sheet().id;
    };
    return self;
  }

  function context() {
    return {
      workbook: {
        worksheets: collection(
          function () {
            return S.sheets.map(function (s) {
              return { id: s.id, name: s.name, visibility: s.visibility };
            });
          },
          {
            getItem: function (k) {
              return new Worksheet(function () {
                return sheetBy(k);
              });
            },
            getItemOrNullObject: function (k) {
              return new Worksheet(function () {
                return sheetBy(k);
              });
            },
            getActiveWorksheet: function () {
              return new Worksheet(function () {
                return sheetBy(S.activeId);
              });
            },
            add: function (name) {
              var s = addSheet(name);
              record('worksheets.add', s);
              return new Worksheet(function () {
                return s;
              });
            },
          },
        ),
      },
      application: {
        suspendApiCalculationUntilNextSync: function () {
          record('suspendApiCalculationUntilNextSync');
        },
        suspendScreenUpdatingUntilNextSync: function () {
          record('suspendScreenUpdatingUntilNextSync');
        },
      },
      sync: function () {
        S.syncs++;
        pendingLoads.forEach(function (o) {
          o._req.forEach(function (p) {
            o._snap[p] = o._compute(p);
          });
          o._req.clear();
        });
        pendingLoads.clear();
        scheduleRender();
        return new Promise(function (r) {
          setTimeout(r, 0);
        });
      },
    };
  }

  window.Excel = {
    run: function (batch) {
      S.runs++;
      return Promise.resolve()
        .then(function () {
          return batch(context());
        })
        .finally(scheduleRender);
    },
  };
  window.Office = {
    HostType: { Excel: 'Excel' },
    context: {
      requirements: {
        isSetSupported: function (name, v) {
          return name === 'ExcelApi' && Number(v.split('.')[1]) <= Number(S.apiVersion.split('.')[1]);
        },
      },
    },
    onReady: function (cb) {
      var info = { host: 'Excel', platform: 'OfficeOnline' };
      return new Promise(function (r) {
        setTimeout(function () {
          if (cb) cb(info);
          r(info);
        }, 0);
      });
    },
  };

  /* ---- the picture: the active sheet beside the task pane ---- */
  var renderQueued = false;
  function scheduleRender() {
    if (!renderQueued) {
      renderQueued = true;
      setTimeout(render, 0);
    }
  }
  function show(x) {
    if (!x || isEmpty(x.value)) return '';
    if (typeof x.value === 'number' && x.format === '0.0%') return (x.value * 100).toFixed(1) + '%';
    if (typeof x.value === 'number') return x.value.toLocaleString('en-US', { maximumFractionDigits: 4 });
    return String(x.value);
  }
  function esc(s) {
    return s.replace(/[&<>"]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c];
    });
  }
  /** A pivot drawn from its source table: rows × columns, values summed, the report filter applied. */
  function pivotHtml(p) {
    var src = null;
    S.sheets.forEach(function (x) {
      x.tables.forEach(function (t) {
        if (t.name === p.source) src = { sheet: x, table: t };
      });
    });
    if (!src) return '<p>PivotTable source ' + esc(p.source) + ' not found</p>';
    var g = read(src.sheet, parseRect(src.table.address));
    var h = g[0],
      ri = h.indexOf(p.rows[0]),
      ci = h.indexOf(p.columns[0]),
      vi = h.indexOf(p.data[0].field),
      fi = h.indexOf(p.filters[0]);
    var pick = p.appliedFilters.length ? p.appliedFilters[0].filter.manualFilter.selectedItems : null;
    var rows = [],
      cols = [],
      sums = {};
    g.slice(1).forEach(function (r) {
      if (pick && pick.indexOf(r[fi]) < 0) return;
      if (rows.indexOf(r[ri]) < 0) rows.push(r[ri]);
      if (cols.indexOf(r[ci]) < 0) cols.push(r[ci]);
      var k = r[ri] + '|' + r[ci];
      sums[k] = (sums[k] || 0) + (typeof r[vi] === 'number' ? r[vi] : 0);
    });
    rows.sort();
    cols.sort();
    var out =
      '<div class="pivot-filter"><b>' +
      esc(p.filters[0]) +
      '</b>: ' +
      esc(pick ? pick.join(', ') : '(All)') +
      '</div><table><tr><th>Sum of ' +
      esc(p.data[0].field) +
      '</th>';
    cols.forEach(function (c) {
      out += '<th>' + esc(String(c)) + '</th>';
    });
    out += '</tr>';
    rows.forEach(function (r) {
      out += '<tr><th style="text-align:left">' + esc(String(r)) + '</th>';
      cols.forEach(function (c) {
        var v = sums[r + '|' + c];
        out += '<td style="text-align:right">' + (v === undefined ? '' : esc(show({ value: v }))) + '</td>';
      });
      out += '</tr>';
    });
    return out + '</table>';
  }

  function render() {
    renderQueued = false;
    var host = document.getElementById('fake-excel');
    if (!host) return;
    var s = sheetBy(S.activeId) || S.sheets[0];
    if (s && s.pivots.length) {
      var ptabs = S.sheets
        .filter(function (x) {
          return x.visibility === 'Visible';
        })
        .map(function (x) {
          return '<span class="tab' + (x === s ? ' on' : '') + '">' + esc(x.name) + '</span>';
        })
        .join('');
      host.innerHTML =
        '<div class="bar">PivotTable ' +
        esc(s.pivots[0].name) +
        '</div><div class="grid">' +
        pivotHtml(s.pivots[0]) +
        '</div><div class="tabs">' +
        ptabs +
        '</div>';
      return;
    }
    var tabs = S.sheets
      .filter(function (x) {
        return x.visibility === 'Visible';
      })
      .map(function (x) {
        return '<span class="tab' + (x === s ? ' on' : '') + '">' + esc(x.name) + '</span>';
      })
      .join('');
    var used = s ? usedRect(s) : null;
    var rows = Math.min(Math.max(used ? used.row + used.rows + 2 : 20, 20), 40);
    var cols = Math.min(Math.max(used ? used.col + used.cols : 8, 8), 14);
    var sel = S.selection && s && S.selection.sheet === s.name ? parseRect(S.selection.address) : null;
    var h = '<table><tr><th></th>';
    for (var c = 0; c < cols; c++) if (!s || !s.hidden.has(c)) h += '<th>' + colLetters(c) + '</th>';
    h += '</tr>';
    // Scrolled like Excel to show the selected cell, the header row frozen on top.
    var first = sel && sel.row > rows - 8 ? sel.row - 15 : 1;
    var shown = [0];
    for (var rr = first; rr < first + rows - 1; rr++) shown.push(rr);
    for (var k = 0; k < shown.length; k++) {
      var r = shown[k];
      h += '<tr><th>' + (r + 1) + '</th>';
      for (c = 0; c < cols; c++) {
        if (s && s.hidden.has(c)) continue;
        var x = s && s.cells.get(key(r, c));
        var st = [];
        if (x && x.fill) st.push('background:' + x.fill);
        if (r === 0 && x && !isEmpty(x.value)) st.push('font-weight:600;background:' + ((x && x.fill) || '#dde7f3'));
        if (x && x.font) st.push('color:' + x.font);
        if (x && typeof x.value === 'number') st.push('text-align:right');
        var isSel = sel && r === sel.row && c === sel.col;
        h +=
          '<td' +
          (isSel ? ' class="sel"' : '') +
          ' style="' +
          st.join(';') +
          '" title="' +
          esc(x && x.prompt ? x.prompt.title + ': ' + x.prompt.message : '') +
          '">' +
          esc(show(x)) +
          '</td>';
      }
      h += '</tr>';
    }
    h += '</table>';
    var selCell = sel && s ? s.cells.get(key(sel.row, sel.col)) : null;
    var bar =
      '<div class="bar"><b>' +
      (sel ? esc(S.selection.address) : '') +
      '</b> ' +
      esc(show(selCell)) +
      (selCell && selCell.prompt
        ? ' <i>— ' + esc(selCell.prompt.title + ': ' + (selCell.prompt.message || '')) + '</i>'
        : '') +
      '</div>';
    host.innerHTML = bar + '<div class="grid">' + h + '</div><div class="tabs">' + tabs + '</div>';
  }
  document.addEventListener('DOMContentLoaded', function () {
    var style = document.createElement('style');
    style.textContent = [
      'body{padding-left:930px!important}',
      '#fake-excel{position:fixed;left:0;top:0;bottom:0;width:920px;font:12px Calibri,Arial,sans-serif;border-right:3px solid #217346;display:flex;flex-direction:column;background:#fff}',
      '#fake-excel .bar{padding:4px 8px;border-bottom:1px solid #ccc;min-height:18px;background:#f3f3f3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}',
      '#fake-excel .grid{flex:1;overflow:auto}',
      '#fake-excel table{border-collapse:collapse}',
      '#fake-excel th{background:#efefef;color:#555;font-weight:400;border:1px solid #d4d4d4;padding:1px 4px;min-width:18px}',
      '#fake-excel td{border:1px solid #e1e1e1;padding:1px 4px;max-width:170px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;height:17px}',
      '#fake-excel td.sel{outline:2px solid #217346;outline-offset:-2px}',
      '#fake-excel .tabs{border-top:1px solid #ccc;padding:3px;background:#f3f3f3}',
      '#fake-excel .tab{padding:2px 10px;margin-right:2px;border:1px solid #ccc;background:#e9e9e9}',
      '#fake-excel .pivot-filter{padding:6px 8px}',
      '#fake-excel .tab.on{background:#fff;border-bottom-color:#fff;color:#217346;font-weight:600}',
    ].join('\n');
    document.head.appendChild(style);
    var host = document.createElement('div');
    host.id = 'fake-excel';
    document.body.appendChild(host);
    render();
  });

  addSheet('Sheet1');

  /* ---- what the test uses to play the user and to look at the workbook ---- */
  window.__excel = {
    state: S,
    setApiVersion: function (v) {
      S.apiVersion = v;
    },
    /** The user typing into a cell (a string is read as Excel would: digits become a number). */
    type: function (sheetName, address, value) {
      var s = sheetBy(sheetName),
        p = parseRect(address),
        x = cell(s, p.row, p.col);
      x.value = typeof value === 'string' ? excelValue(value, x.format) : value;
      S.activeId = s.id;
      S.selection = { sheet: s.name, address: address };
      scheduleRender();
    },
    activate: function (sheetName) {
      S.activeId = sheetBy(sheetName).id;
      scheduleRender();
    },
    cell: function (sheetName, address) {
      var s = sheetBy(sheetName),
        p = parseRect(address),
        x = s.cells.get(key(p.row, p.col));
      return x
        ? { value: x.value, fill: x.fill || null, format: x.format || null, prompt: x.prompt || null }
        : { value: '', fill: null, format: null, prompt: null };
    },
    grid: function (sheetName) {
      var s = sheetBy(sheetName),
        u = usedRect(s);
      return u ? read(s, { row: 0, col: 0, rows: u.row + u.rows, cols: u.col + u.cols }) : [];
    },
    sheets: function () {
      return S.sheets.map(function (s) {
        return {
          id: s.id,
          name: s.name,
          visibility: s.visibility,
          tables: s.tables.slice(),
          pivots: s.pivots.slice(),
          hidden: Array.from(s.hidden),
          frozen: s.frozen,
        };
      });
    },
    activeSheet: function () {
      return sheetBy(S.activeId).name;
    },
    selection: function () {
      return S.selection;
    },
  };
})();
