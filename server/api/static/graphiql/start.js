// Mounts GraphiQL on this server's /graphql. Paste a bearer token in the Headers tab:
// {"Authorization": "Bearer <token from `coachloop token`>"}
(function () {
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + "/graphql" });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: true,
      defaultHeaders: JSON.stringify({ Authorization: "Bearer " }, null, 2),
    })
  );
})();
