// Swagger UI on this service's own document. A file rather than an inline script: the Content-Security-Policy
// allows no inline script. validatorUrl null keeps the page from asking a third party to validate the document.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: false
});
