package io.copytrader.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code /openapi.json}, the API's OpenAPI 3.1 document (a resource of the jar, kept true by
 * {@code OpenApiDocumentTest}), {@code /docs}, Swagger UI on it, and the webjars' files both pages load.
 */
final class DocsRoutes {

  static final String WEBJARS = "META-INF/resources/webjars";

  private DocsRoutes() {
  }

  static void mount(Router router) {
    router.get("/openapi.json").handler(ctx -> sendResource(ctx, "openapi.json", "application/json"));
    router.get("/docs").handler(ctx -> sendResource(ctx, "swagger/index.html", "text/html; charset=utf-8"));
    router.get("/docs/*").handler(files("swagger"));
    router.get("/webjars/*").handler(files(WEBJARS));
  }

  /**
   * The files under a resource directory, labelled UTF-8 whatever the JVM's default charset: without a locale (a
   * service's bare environment) that is US-ASCII, and a browser would then misread Swagger UI's script and fail.
   */
  static StaticHandler files(String directory) {
    return StaticHandler.create(directory).setDefaultContentEncoding("UTF-8");
  }

  /** A file of the jar; one that cannot be read fails the request (a 500 in the error body), never hangs it. */
  static void sendResource(RoutingContext ctx, String resource, String contentType) {
    ctx.response().putHeader("Content-Type", contentType).sendFile(resource).onFailure(ctx::fail);
  }
}
