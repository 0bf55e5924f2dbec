package io.copytrader.paper;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.oas.OpenApi30;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lighter's OpenAPI document as vendored in test resources (lighter-openapi/README.md): the response schema of
 * each operation, and JSON-schema validation of a body against it with {@code $ref}s resolved inside the document.
 * Its schemas are Swagger 2.0 Schema Objects, which validate as the OpenAPI 3.0 dialect (the same keywords).
 */
final class LighterSpec {

  static final String SPEC = "lighter-openapi/openapi-zklighter-perps-1.0.272.json";

  private final JsonObject document;
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
    builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
  private final Map<String, JsonSchema> schemas = new HashMap<>();

  private LighterSpec(JsonObject document) {
    this.document = document;
  }

  static LighterSpec load() {
    try (InputStream in = LighterSpec.class.getClassLoader().getResourceAsStream(SPEC)) {
      if (in == null) {
        throw new IllegalStateException(SPEC + " is not on the test class path");
      }
      return new LighterSpec(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The paths the document describes, e.g. {@code /api/v1/account}, with the methods of each. */
  Map<String, Set<String>> operations() {
    Map<String, Set<String>> operations = new HashMap<>();
    document.getJsonObject("paths").forEach(path -> operations.put(path.getKey(),
      ((JsonObject) path.getValue()).fieldNames()));
    return operations;
  }

  /** The definition the operation's answer with this status refers to, e.g. {@code Orders}. */
  String responseType(String method, String path, int status) {
    JsonObject operation = document.getJsonObject("paths").getJsonObject(path, new JsonObject())
      .getJsonObject(method.toLowerCase());
    if (operation == null) {
      throw new AssertionError("the spec has no " + method + " " + path);
    }
    String ref = operation.getJsonObject("responses").getJsonObject(Integer.toString(status))
      .getJsonObject("schema").getString("$ref");
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  /** Whether an operation declares this query parameter. */
  boolean hasQueryParameter(String method, String path, String name) {
    return document.getJsonObject("paths").getJsonObject(path).getJsonObject(method.toLowerCase())
      .getJsonArray("parameters", new io.vertx.core.json.JsonArray()).stream().map(JsonObject.class::cast)
      .anyMatch(parameter -> name.equals(parameter.getString("name")) && "query".equals(parameter.getString("in")));
  }

  /** What is wrong with {@code json} as an instance of the definition {@code type}: one line per error. */
  List<String> errors(String type, String json) {
    JsonSchema schema = schemas.computeIfAbsent(type, name -> factory.getSchema(
      SchemaLocation.of("classpath:" + SPEC + "#/definitions/" + name)));
    return schema.validate(json, InputFormat.JSON).stream()
      .map(error -> error.getInstanceLocation() + " " + error.getMessage()).toList();
  }
}
