type OpenApiDocument = {
  info: { title: string; description?: string };
  paths?: Record<
    string,
    Record<string, { summary?: string; tags?: string[]; security?: unknown[] } | undefined> | undefined
  >;
};

/** A readable list of the API's operations; the full description is /api/openapi.json. */
export function ApiDocs(props: { document: OpenApiDocument }) {
  const operations = Object.entries(props.document.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods ?? {}).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Shiori API</title>
        <link rel="stylesheet" href="/assets/shiori.css" />
      </head>
      <body>
        <main id="main">
          <h1>{props.document.info.title}</h1>
          <p>{props.document.info.description}</p>
          <p>
            OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a>
          </p>
          <table>
            <caption>操作一覧 / Operations</caption>
            <thead>
              <tr>
                <th scope="col">Method</th>
                <th scope="col">Path</th>
                <th scope="col">Summary</th>
                <th scope="col">Auth</th>
              </tr>
            </thead>
            <tbody>
              {operations.map(({ path, method, op }) => (
                <tr>
                  <td>
                    <code>{method}</code>
                  </td>
                  <td>
                    <code>{path}</code>
                  </td>
                  <td>{op?.summary}</td>
                  <td>{op?.security ? "Bearer" : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </main>
      </body>
    </html>
  );
}
