/* global window, location */
/*
 * The Overview's first request, sent while the window's code is still loading: a classic script the page runs
 * as soon as it is parsed, so the engine reads the month while the browser fetches, compiles and starts the
 * app. The app's first identical call takes this answer instead of asking again
 * (renderer/src/client/early.ts); no other screen asks it. Once answered, the answer is also kept as `result`,
 * so an Overview first drawn after it arrived draws its figures in that first frame.
 */
(function () {
  var path = location.hash.replace(/^#\/?/, '').split('?')[0];
  if (path !== '' && path !== 'overview') return;
  var input = '{"quick":true}';
  var bridge = window.tokenLedger;
  var answer;
  if (bridge) {
    answer = bridge.invoke('report.overview', JSON.parse(input));
  } else {
    var token = new URLSearchParams(location.search).get('token');
    if (!token) return;
    answer = fetch(location.origin + '/api/report.overview', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-token-ledger-token': token },
      body: input,
    }).then(function (res) {
      return res.json();
    });
  }
  var early = { method: 'report.overview', input: input, answer: answer };
  // Unclaimed or failed, it is asked again the usual way.
  answer.then(
    function (result) {
      early.result = result;
    },
    function () {},
  );
  window.__tokenLedgerEarly = early;
})();
