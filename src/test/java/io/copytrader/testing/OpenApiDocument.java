package io.copytrader.testing;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The service's own OpenAPI document ({@code openapi.json} in the jar): its operations, and validation of a real
 * answer against the schema the document gives for that operation and status, {@code $ref}s resolved inside it.
 * OpenAPI 3.1's schemas are JSON Schema 2020-12.
 */
public final class OpenApiDocument {

  public static final String RESOURCE = "openapi.json";

  private final JsonObject document;
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private OpenApiDocument(JsonObject document) {
    this.document = document;
  }

  public static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return new OpenApiDocument(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonObject json() {
    return document;
  }

  /** The operation for {@code method} on the path template (e.g. {@code /api/trade/{request_id}}), or null. */
  public JsonObject operation(String method, String pathTemplate) {
    JsonObject path = document.getJsonObject("paths").getJsonObject(pathTemplate);
    return path == null ? null : path.getJsonObject(method.toLowerCase(Locale.ROOT));
  }

  /**
   * What is wrong with {@code body}, one line per error, as the JSON answer the document describes for this
   * operation and status; an operation or status the document does not describe is an error too.
   */
  public List<String> errors(String method, String pathTemplate, int status, String body) {
    JsonObject operation = operation(method, pathTemplate);
    if (operation == null) {
      return List.of("the document has no " + method + " " + pathTemplate);
    }
    JsonObject response = operation.getJsonObject("responses").getJsonObject(Integer.toString(status));
    if (response == null) {
      return List.of(method + " " + pathTemplate + " documents no status " + status);
    }
    if (response.containsKey("$ref")) {
      response = resolve(response.getString("$ref"));
    }
    JsonObject json = response.getJsonObject("content", new JsonObject()).getJsonObject("application/json");
    if (json == null || !json.getJsonObject("schema").containsKey("$ref")) {
      return List.of(method + " " + pathTemplate + " " + status + " is documented as no JSON answer of a named schema");
    }
    JsonSchema schema = factory.getSchema(SchemaLocation.of("classpath:" + RESOURCE
      + json.getJsonObject("schema").getString("$ref")));
    return schema.validate(body, InputFormat.JSON).stream()
      .map(error -> error.getInstanceLocation() + " " + error.getMessage()).toList();
  }

  private JsonObject resolve(String pointer) {
    JsonObject node = document;
    for (String part : pointer.substring(2).split("/")) {
      node = node.getJsonObject(part.replace("~1", "/").replace("~0", "~"));
    }
    return node;
  }
}
