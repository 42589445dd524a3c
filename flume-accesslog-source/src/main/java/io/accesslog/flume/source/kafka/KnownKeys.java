package io.accesslog.flume.source.kafka;

import io.accesslog.flume.core.KeyNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;

/**
 * The keys a component accepts, so that a typo fails {@code configure()} instead of silently
 * falling back to a default: exact names, pass-through prefixes ({@code kafka.consumer.} ...), and
 * keys of stock Flume that we do not take, each with its own message (renamed, not needed, not
 * supported). An unknown key is reported with the nearest known one by edit distance
 * (accesslog-core's {@link KeyNames}). Immutable once built.
 */
public final class KnownKeys {

  /** Keys Flume itself puts into every source's context (type, channel wiring, interceptors). */
  public static final List<String> FLUME_SOURCE_KEYS =
      Collections.unmodifiableList(Arrays.asList("type", "channels", "interceptors"));

  /** Prefixes Flume itself reads from a source's context. */
  public static final List<String> FLUME_SOURCE_PREFIXES =
      Collections.unmodifiableList(Arrays.asList("selector.", "interceptors."));

  private final String component;
  private final List<String> exact;
  private final List<String> prefixes;
  private final Map<String, String> refused;

  private KnownKeys(Builder builder) {
    this.component = builder.component;
    this.exact = Collections.unmodifiableList(new ArrayList<>(builder.exact));
    this.prefixes = Collections.unmodifiableList(new ArrayList<>(builder.prefixes));
    this.refused = Collections.unmodifiableMap(new LinkedHashMap<>(builder.refused));
  }

  static Builder builder(String component) {
    return new Builder(component);
  }

  /** Stock keys we refuse, with why (for the README's migration table and tests). */
  Map<String, String> refused() {
    return refused;
  }

  /**
   * Checks every key of the context.
   *
   * @throws ConfigurationException for the first key (in name order) that is refused or unknown,
   *     naming it, its value, and the reason or the nearest known key
   */
  public void check(Context context) {
    for (String key : new TreeSet<>(context.getParameters().keySet())) {
      String why = refused.get(key);
      if (why != null) {
        throw new ConfigurationException(
            String.format(
                "%s: key '%s' (value '%s') is not " + "accepted: %s",
                component, key, context.getString(key), why));
      }
      if (!isKnown(key)) {
        throw new ConfigurationException(
            String.format(
                "%s: unknown key '%s' (value '%s'); did "
                    + "you mean '%s'? Known keys: %s, and any key under %s",
                component, key, context.getString(key), nearest(key), exact, prefixes));
      }
    }
  }

  private boolean isKnown(String key) {
    if (exact.contains(key)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        return true;
      }
    }
    return false;
  }

  /** The known name (or prefix followed by the rest of the key) nearest to {@code key}. */
  String nearest(String key) {
    List<String> candidates = new ArrayList<>(exact);
    for (String prefix : prefixes) {
      // A typo inside the prefix ("kafka.consmer.security.protocol") shifts where the rest of
      // the key starts: try the prefix followed by the key's tail from a few positions around.
      int from = Math.max(0, prefix.length() - 3);
      int to = Math.min(key.length(), prefix.length() + 3);
      candidates.add(prefix);
      for (int i = from; i <= to; i++) {
        candidates.add(prefix + key.substring(i));
      }
    }
    return KeyNames.closest(key, candidates);
  }

  /** Collects the accepted keys of one component. */
  public static final class Builder {
    private final String component;
    private final List<String> exact = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final Map<String, String> refused = new LinkedHashMap<>();

    private Builder(String component) {
      this.component = component;
    }

    public Builder keys(List<ConfigKey<?>> keys) {
      for (ConfigKey<?> key : keys) {
        exact.add(key.name());
      }
      return this;
    }

    public Builder exact(List<String> names) {
      exact.addAll(names);
      return this;
    }

    public Builder prefixes(List<String> names) {
      prefixes.addAll(names);
      return this;
    }

    public Builder prefix(String name) {
      prefixes.add(name);
      return this;
    }

    /** A stock Flume key we do not take, and what to do instead. */
    public Builder refuse(String key, String why) {
      refused.put(key, why);
      return this;
    }

    public KnownKeys build() {
      return new KnownKeys(this);
    }
  }
}
