package io.copytrader.config;

import io.copytrader.testing.Configs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.copytrader.lighter.LighterNetwork;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.lighter.signer.VerifyingKey;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code NETWORK}, {@code BASE_URL}, {@code STREAM_URL} and {@code CHAIN_ID}: which URLs and chain id are used. */
class NetworkConfigTest {

  private static final String KEY = "0x" + "ab".repeat(40);
  private static final String STREAM_URL_PROBLEM =
    "STREAM_URL must be a ws:// or wss:// URL with a host and the path /stream";
  private static final String ACCOUNTS = "[{\"index\":1,\"api_index\":0,\"private_key\":\"" + KEY + "\"}]";

  @TempDir
  Path dir;

  private LighterEndpoint endpoint(Map<String, String> env) throws ConfigException {
    return Configs.load(env, dir).config().lighter();
  }

  /** A live service: accounts configured. */
  private static Map<String, String> live(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("ACCOUNTS", ACCOUNTS);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "lighter,           https://mainnet.zklighter.elliot.ai, wss://mainnet.zklighter.elliot.ai/stream, 304",
    "lighter-testnet,   https://testnet.zklighter.elliot.ai, wss://testnet.zklighter.elliot.ai/stream, 300",
    "robinhood,         https://api.rh.lighter.xyz,          wss://api.rh.lighter.xyz/stream,          466324",
    "robinhood-testnet, https://api.rh-testnet.lighter.xyz,  wss://api.rh-testnet.lighter.xyz/stream,  300"
  })
  void eachNetworkSetsItsUrlsAndChainId(String network, String baseUrl, String streamUrl, int chainId)
      throws Exception {
    LighterEndpoint endpoint = endpoint(live("NETWORK", network));

    assertThat(endpoint.networkName()).isEqualTo(network);
    assertThat(endpoint.baseUrl()).isEqualTo(baseUrl);
    assertThat(endpoint.streamUrl()).isEqualTo(streamUrl);
    assertThat(endpoint.chainId()).isEqualTo(chainId);
  }

  @Test
  void withNothingSetTheServiceIsOnLighterMainnet() throws Exception {
    LighterEndpoint endpoint = endpoint(live());

    assertThat(endpoint.network()).isEqualTo(LighterNetwork.LIGHTER);
    assertThat(endpoint.baseUrl()).isEqualTo("https://mainnet.zklighter.elliot.ai");
    assertThat(endpoint.streamUrl()).isEqualTo("wss://mainnet.zklighter.elliot.ai/stream");
    assertThat(endpoint.chainId()).isEqualTo(304);
  }

  @ParameterizedTest
  @EnumSource(LighterNetwork.class)
  void withoutNetworkAKnownHostGivesItsNetworksChainId(LighterNetwork network) throws Exception {
    LighterEndpoint endpoint = endpoint(live("BASE_URL", network.baseUrl() + "/"));

    assertThat(endpoint.network()).isEqualTo(network);
    assertThat(endpoint.chainId()).isEqualTo(network.chainId());
  }

  @Test
  void baseUrlOverridesTheNetworksUrlsButNotItsChainId() throws Exception {
    LighterEndpoint endpoint = endpoint(live("NETWORK", "robinhood", "BASE_URL", "http://127.0.0.1:8081"));

    assertThat(endpoint.baseUrl()).isEqualTo("http://127.0.0.1:8081");
    assertThat(endpoint.streamUrl()).isEqualTo("ws://127.0.0.1:8081/stream");
    assertThat(endpoint.chainId()).isEqualTo(466324);
  }

  @Test
  void streamUrlOverridesOnlyTheStream() throws Exception {
    LighterEndpoint endpoint = endpoint(live("NETWORK", "lighter-testnet",
      "STREAM_URL", "wss://ws.example.org/stream"));

    assertThat(endpoint.baseUrl()).isEqualTo("https://testnet.zklighter.elliot.ai");
    assertThat(endpoint.streamUrl()).isEqualTo("wss://ws.example.org/stream");
    assertThat(endpoint.chainId()).isEqualTo(300);
  }

  @Test
  void chainIdOverridesTheNetworksChainId() throws Exception {
    assertThat(endpoint(live("NETWORK", "robinhood", "CHAIN_ID", "300")).chainId()).isEqualTo(300);
  }

  @Test
  void anUnknownHostWithChainIdIsAccepted() throws Exception {
    LighterEndpoint endpoint = endpoint(live("BASE_URL", "http://127.0.0.1:8081", "CHAIN_ID", "304"));

    assertThat(endpoint.networkName()).isEqualTo("custom");
    assertThat(endpoint.chainId()).isEqualTo(304);
  }

  @Test
  void aLiveServiceOnAnUnknownHostWithoutChainIdIsAConfigurationError() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
      () -> endpoint(live("BASE_URL", "https://lighter.example.org")));

    assertThat(e.problems()).containsExactly("CHAIN_ID must be set: BASE_URL's host lighter.example.org is none of"
      + " the known networks (lighter, lighter-testnet, robinhood, robinhood-testnet) and NETWORK is not set");
  }

  @Test
  void paperModeStartsOnAnUnknownHostWithoutChainId() throws Exception {
    AppConfig config = Configs.load(Map.of("BASE_URL", "http://127.0.0.1:8081"), dir).config();

    assertThat(config.mode()).isEqualTo(Mode.PAPER);
    assertThat(config.lighter().chainId()).isEqualTo(LighterNetwork.LIGHTER.chainId());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
    "NETWORK|mainnet|NETWORK must be one of lighter, lighter-testnet, robinhood, robinhood-testnet, got 'mainnet'",
    "STREAM_URL|https://api.rh.lighter.xyz/stream|" + STREAM_URL_PROBLEM,
    "STREAM_URL|wss://api.rh.lighter.xyz/ws|" + STREAM_URL_PROBLEM,
    "BASE_URL|https://|BASE_URL must be a URL with a host"
  })
  void anInvalidValueIsAConfigurationError(String name, String value, String problem) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> endpoint(live(name, value)));

    assertThat(e.problems()).containsExactly(problem);
  }

  @Test
  void eachSourceOverridesTheNetworkSettingsOfTheSourcesBeforeIt() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/config.json"), "{\"NETWORK\": \"lighter-testnet\", \"CHAIN_ID\": 1}");
    Files.writeString(dir.resolve(".env"), "NETWORK=robinhood\nBASE_URL=https://proxy.example.org\nCHAIN_ID=2\n");

    LighterEndpoint endpoint = endpoint(live("STREAM_URL", "wss://ws.example.org/stream", "CHAIN_ID", "3"));

    assertThat(endpoint.network()).isEqualTo(LighterNetwork.ROBINHOOD);
    assertThat(endpoint.baseUrl()).isEqualTo("https://proxy.example.org");
    assertThat(endpoint.streamUrl()).isEqualTo("wss://ws.example.org/stream");
    assertThat(endpoint.chainId()).isEqualTo(3);
  }

  @Test
  void theResolvedChainIdIsSignedIntoTheTransaction() throws Exception {
    int chainId = endpoint(live("NETWORK", "robinhood")).chainId();
    ApiKey key = ApiKey.parse(KEY);
    CreateOrderTx order = new CreateOrderTx(1, 0, 0, 7, 1000, 350000, 0, CreateOrderTx.TYPE_LIMIT,
      CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, 1_900_000_000_000L, 1_800_000_000_000L, 5, null);

    SignedTx signed = new TxSigner(chainId).sign(key, order);

    byte[] signature = Base64.getDecoder().decode(new JsonObject(signed.txInfo()).getString("Sig"));
    VerifyingKey verifier = VerifyingKey.decode(key.publicKey()).orElseThrow();
    assertThat(verifier.verify(new TxSigner(466324).messageHash(order), signature)).isTrue();
    assertThat(verifier.verify(new TxSigner(304).messageHash(order), signature)).isFalse();
    assertThat(verifier.verify(new TxSigner(300).messageHash(order), signature)).isFalse();
  }
}
