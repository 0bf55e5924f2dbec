package io.copytrader.http;

import io.copytrader.FailureCode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;

/**
 * What a browser needs told on every answer, and the same-origin check of every call that changes something
 * (README.md, "Dashboard"). The API key keeps other sites from reading or acting, since a page elsewhere cannot know
 * it; the origin check is the second lock, should a key ever be typed into the wrong page.
 */
final class BrowserSecurity {

  /**
   * Scripts and styles only from the service itself, no framing. Styles may also be set inline: Swagger UI writes
   * {@code style} attributes; no script is ever inline.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"
    + " 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
    + " form-action 'self'; frame-ancestors 'none'";

  private BrowserSecurity() {
  }

  /** Mounts the headers on every route and the origin check on every {@code /api} call but reads. */
  static void mount(Router router) {
    router.route().handler(BrowserSecurity::headers);
    router.route("/api/*").handler(BrowserSecurity::sameOrigin);
  }

  private static void headers(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.putHeader("X-Content-Type-Options", "nosniff")
      .putHeader("Referrer-Policy", "no-referrer")
      .putHeader("X-Frame-Options", "DENY")
      .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    // Data is never cached; the static files set their own caching, which this leaves alone.
    response.headersEndHandler(ended -> {
      if (!response.headers().contains("Cache-Control")) {
        response.putHeader("Cache-Control", "no-store");
      }
    });
    ctx.next();
  }

  private static void sameOrigin(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD
      || isSameOrigin(request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), request.getHeader("Host"))) {
      ctx.next();
    } else {
      ErrorResponses.send(ctx.response(), FailureCode.FORBIDDEN, "cross-origin requests may not change anything");
    }
  }

  /**
   * Whether a call may act: a browser says where it comes from ({@code Sec-Fetch-Site}, or else {@code Origin},
   * compared with the {@code Host} it was sent to); a client that says neither (curl, a signal source) is no browser
   * page and is judged by its API key alone.
   */
  static boolean isSameOrigin(String fetchSite, String origin, String host) {
    if (fetchSite != null) {
      String site = fetchSite.toLowerCase(Locale.ROOT);
      return site.equals("same-origin") || site.equals("none");
    }
    if (origin == null) {
      return true;
    }
    if (host == null) {
      return false;
    }
    try {
      String authority = URI.create(origin).getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
