package io.accesslog.flume.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.accesslog.flume.core.DurationGrammar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flume.Context;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 21's acceptance: every user-visible duration key of every component (source, direct
 * channel, interceptor, sink, reporter, collector) reads the same grammar, accepting the same
 * spellings with the same value ({@link DurationGrammar#ACCEPTED}) and refusing the same bad ones
 * ({@link DurationGrammar#REFUSED} and a few more) with a message that names the key.
 *
 * <p>The keys are <em>found</em>, not listed: every static {@code ConfigKey} field of every class
 * of each plugin jar, unwrapped to accesslog-core's key, whose {@link
 * io.accesslog.flume.core.ConfigKey.Kind} is {@code DURATION}; a new duration key is covered
 * without touching this test. Each plugin bundles accesslog-core under its own package (shade
 * relocation), so the keys are reached by reflection, never by a cast. Values go through the
 * component's own reading path (the key's {@code read} of a plugin-side key type, or the static
 * reader its declaring class uses), so the message checked is the one a user sees.
 */
class DurationKeysEverywhereTest {

  /** One class per plugin module; the module's jar (or classes directory) is where it lives. */
  private static final String[] MODULE_ANCHORS = {
    "io.accesslog.flume.source.SourceSettings",
    "io.accesslog.flume.interceptor.ConfigKeys",
    "io.accesslog.flume.sink.config.SinkKeys",
    "io.accesslog.flume.metrics.ReporterSettings",
    "io.accesslog.flume.collector.CollectorSettings",
  };

  /**
   * Keys whose allowed text states the duration grammar but that are not declared as durations (so
   * the discovery cannot see their range). Each must be made a duration key, then removed here.
   */
  private static final List<String> UNDECLARED_DURATIONS = List.of();

  /** Refused by every duration key besides DurationGrammar.REFUSED. */
  private static final String[] ALSO_REFUSED = {"-1s", "abc", "1x", "1.0", "s1", "1h30m"};

  private static final Map<String, Integer> FLOOR =
      Map.of(
          "source", 5,
          "direct channel", 2,
          "interceptor", 2,
          "sink", 8,
          "reporter", 3,
          "collector", 8);

  private static List<Found> all;

  /** A key as declared: where, and accesslog-core's (possibly relocated) key behind it. */
  static final class Found {
    final String component;
    final Class<?> declaringClass;
    final String field;
    final Object holder; // the field's value: a core key, or a plugin-side key wrapping one
    final Object core;

    Found(String component, Class<?> declaringClass, String field, Object holder, Object core) {
      this.component = component;
      this.declaringClass = declaringClass;
      this.field = field;
      this.holder = holder;
      this.core = core;
    }

    String name() {
      return (String) call(core, "name");
    }

    String kind() {
      return call(core, "kind").toString();
    }

    long min() {
      return (Long) call(core, "min");
    }

    long max() {
      return (Long) call(core, "max");
    }

    /** In range, or 0 where the key takes 0 as off. */
    boolean accepts(long millis) {
      return (millis >= min() && millis <= max())
          || (millis == 0 && (Boolean) call(core, "zeroIsOff"));
    }

    boolean legacyBareUnit() {
      return (Boolean) call(core, "hasLegacyBareUnit");
    }

    String allowed() {
      return (String) call(core, "allowed");
    }

    @Override
    public String toString() {
      return component + " " + name() + " (" + declaringClass.getSimpleName() + "." + field + ")";
    }
  }

  static synchronized List<Found> allKeys() throws Exception {
    if (all == null) {
      List<Found> found = new ArrayList<>();
      Map<Object, Boolean> seen = new IdentityHashMap<>();
      for (String anchor : MODULE_ANCHORS) {
        Class<?> anchorClass = Class.forName(anchor);
        String pkg = anchor.substring(0, anchor.indexOf('.', "io.accesslog.flume.".length()));
        for (String className : classesMentioningConfigKey(anchorClass, pkg)) {
          Class<?> c = Class.forName(className, true, anchorClass.getClassLoader());
          for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())
                || !f.getType().getSimpleName().equals("ConfigKey")) {
              continue;
            }
            f.setAccessible(true);
            Object holder = f.get(null);
            if (holder == null || seen.put(holder, Boolean.TRUE) != null) {
              continue;
            }
            found.add(new Found(component(c), c, f.getName(), holder, unwrap(holder)));
          }
        }
      }
      all = Collections.unmodifiableList(found);
    }
    return all;
  }

  static Stream<Named<Found>> durationKeys() throws Exception {
    return allKeys().stream()
        .filter(k -> k.kind().equals("DURATION"))
        .map(k -> Named.of(k.toString(), k));
  }

  @Test
  void discovery_findsDurationKeysInEveryComponent() throws Exception {
    Map<String, Long> perComponent =
        allKeys().stream()
            .filter(k -> k.kind().equals("DURATION"))
            .collect(Collectors.groupingBy(k -> k.component, TreeMap::new, Collectors.counting()));
    System.out.println("duration keys per component: " + perComponent);
    for (Map.Entry<String, Integer> floor : FLOOR.entrySet()) {
      long n = perComponent.getOrDefault(floor.getKey(), 0L);
      assertTrue(
          n >= floor.getValue(),
          floor.getKey()
              + ": "
              + n
              + " duration keys found, expected at least "
              + floor.getValue()
              + " (found: "
              + perComponent
              + ")");
    }
  }

  @Test
  void everyKeyStatingTheGrammar_isADurationKey() throws Exception {
    List<String> undeclared = new ArrayList<>();
    for (Found k : allKeys()) {
      if (!k.kind().equals("DURATION") && k.allowed().contains("<n>ms|s|m|h|d")) {
        undeclared.add(k.component + " " + k.name());
      }
    }
    assertEquals(UNDECLARED_DURATIONS, undeclared);
  }

  @ParameterizedTest
  @MethodSource("durationKeys")
  void durationKey_acceptsTheOneGrammar_sameValues(Found key) {
    int inRange = 0;
    for (Map.Entry<String, Long> e : DurationGrammar.ACCEPTED.entrySet()) {
      long expected = e.getValue();
      if (key.accepts(expected)) {
        assertEquals(expected, read(key, e.getKey()), key + " = " + e.getKey());
        inRange++;
      } else {
        refused(key, e.getKey());
      }
    }
    assertTrue(inRange >= 4, key + ": only " + inRange + " accepted spellings in range");
    // A bare number is milliseconds; the reporter's keys read it as seconds, as they did
    // (deprecated).
    long bare = key.legacyBareUnit() ? 1_500_000L : 1_500L;
    if (bare >= key.min() && bare <= key.max()) {
      assertEquals(bare, read(key, "1500"), key + " = 1500");
    }
  }

  @ParameterizedTest
  @MethodSource("durationKeys")
  void durationKey_refusesWhatIsNotADuration_namingTheKey(Found key) {
    for (String bad : DurationGrammar.REFUSED) {
      if (!bad.isEmpty()) { // blank: some components read it as unset (the default), by design
        refused(key, bad);
      }
    }
    for (String bad : ALSO_REFUSED) {
      refused(key, bad);
    }
  }

  // ---- reading a value the component's way --------------------------------------------------

  private static void refused(Found key, String raw) {
    try {
      Object v = readRaw(key, raw);
      fail(key + " = '" + raw + "' was accepted as " + v);
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      assertTrue(
          message.contains(key.name()),
          key + " = '" + raw + "': the message does not name the key: " + message);
    }
  }

  private static long read(Found key, String raw) {
    Object v = readRaw(key, raw);
    assertNotNull(v, key + " = " + raw);
    return ((Number) v).longValue();
  }

  /** The value as the component reads it; throws the component's exception. */
  private static Object readRaw(Found key, String raw) {
    Map<String, String> values = new java.util.HashMap<>();
    values.put(key.name(), raw);
    Method reader = reader(key);
    Class<?>[] types = reader.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      if (t.isInstance(key.holder)) {
        args[i] = key.holder;
      } else if (t == Context.class) {
        args[i] = new Context(values);
      } else if (t == Map.class) {
        args[i] = values;
      } else if (t == Consumer.class) {
        args[i] = (Consumer<String>) message -> {};
      } else if (t == String.class) {
        args[i] = key.component;
      } else {
        throw new AssertionError(key + ": cannot call " + reader);
      }
    }
    try {
      return reader.invoke(Modifier.isStatic(reader.getModifiers()) ? null : key.holder, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new AssertionError(key + " = " + raw, e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The component's reader: a plugin-side key's own {@code read(Context)} or {@code read(String,
   * Map)}; for a core key, the static method of its declaring class that takes the key and a {@link
   * Context} or {@link Map} (the settings' one reading path).
   */
  private static Method reader(Found key) {
    if (key.holder != key.core) {
      for (Method m : key.holder.getClass().getDeclaredMethods()) {
        if (m.getName().equals("read")
            && !Modifier.isStatic(m.getModifiers())
            && onlySources(m, null)) {
          m.setAccessible(true);
          return m;
        }
      }
    } else {
      for (Method m : key.declaringClass.getDeclaredMethods()) {
        if (Modifier.isStatic(m.getModifiers())
            && m.getReturnType() == Object.class
            && onlySources(m, key.core.getClass())) {
          m.setAccessible(true);
          return m;
        }
      }
    }
    throw new AssertionError(
        key
            + ": no reading method found (a read(Context) / read(String, Map) on its key type, or a"
            + " static <T> T value(key, Context|Map) in its declaring class)");
  }

  /** Parameters: the key (when {@code keyType} is given, exactly once) and a value source. */
  private static boolean onlySources(Method m, Class<?> keyType) {
    int keys = 0;
    int sources = 0;
    for (Class<?> t : m.getParameterTypes()) {
      if (keyType != null && t.isAssignableFrom(keyType) && t != Object.class) {
        keys++;
      } else if (t == Context.class || t == Map.class) {
        sources++;
      } else if (t != Consumer.class && t != String.class) {
        return false;
      }
    }
    return sources == 1 && keys == (keyType == null ? 0 : 1);
  }

  /** Calls a no-argument public method of accesslog-core's key (whichever copy it is). */
  private static Object call(Object target, String method) {
    try {
      return target.getClass().getMethod(method).invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(target.getClass() + "." + method, e);
    }
  }

  // ---- discovery -----------------------------------------------------------------------------

  /** The accesslog-core key a field holds: the value itself, or the core key a plugin key wraps. */
  private static Object unwrap(Object holder) throws IllegalAccessException {
    if (isCoreKey(holder.getClass())) {
      return holder;
    }
    for (Field f : holder.getClass().getDeclaredFields()) {
      if (isCoreKey(f.getType())) {
        f.setAccessible(true);
        return f.get(holder);
      }
    }
    throw new AssertionError(holder.getClass() + " wraps no accesslog-core ConfigKey");
  }

  /**
   * accesslog-core's key, as built ({@code io.accesslog.flume.core}) or relocated into a plugin.
   */
  private static boolean isCoreKey(Class<?> c) {
    String n = c.getName();
    return n.equals("io.accesslog.flume.core.ConfigKey") || n.endsWith(".internal.core.ConfigKey");
  }

  private static String component(Class<?> c) {
    String n = c.getName();
    if (n.startsWith("io.accesslog.flume.source.")) {
      return c.getSimpleName().contains("DirectChannel") ? "direct channel" : "source";
    }
    if (n.startsWith("io.accesslog.flume.interceptor.")) {
      return "interceptor";
    }
    if (n.startsWith("io.accesslog.flume.sink.")) {
      return "sink";
    }
    if (n.startsWith("io.accesslog.flume.metrics.")) {
      return "reporter";
    }
    if (n.startsWith("io.accesslog.flume.collector.")) {
      return "collector";
    }
    throw new AssertionError("no component for " + n);
  }

  /**
   * The classes of {@code anchor}'s jar (or classes directory) under {@code pkg}, the bundled
   * accesslog-core excluded, whose bytecode names a ConfigKey type.
   */
  private static List<String> classesMentioningConfigKey(Class<?> anchor, String pkg)
      throws IOException, URISyntaxException {
    Path location = Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    String prefix = pkg.replace('.', '/') + "/";
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          String rel = location.relativize(p).toString().replace('\\', '/');
          if (wanted(rel, prefix) && mentionsConfigKey(Files.readAllBytes(p))) {
            names.add(className(rel));
          }
        }
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        for (JarEntry e : Collections.list(jar.entries())) {
          if (wanted(e.getName(), prefix)) {
            try (InputStream in = jar.getInputStream(e)) {
              if (mentionsConfigKey(in.readAllBytes())) {
                names.add(className(e.getName()));
              }
            }
          }
        }
      }
    }
    if (names.isEmpty()) {
      throw new UncheckedIOException(new IOException("no key classes in " + location));
    }
    return names;
  }

  private static boolean wanted(String path, String prefix) {
    return path.startsWith(prefix) && path.endsWith(".class") && !path.contains("/internal/core/");
  }

  private static boolean mentionsConfigKey(byte[] classFile) {
    return new String(classFile, StandardCharsets.ISO_8859_1).contains("ConfigKey");
  }

  private static String className(String path) {
    return path.substring(0, path.length() - ".class".length()).replace('/', '.');
  }
}
