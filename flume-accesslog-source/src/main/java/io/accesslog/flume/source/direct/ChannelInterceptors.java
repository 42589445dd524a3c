package io.accesslog.flume.source.direct;

import io.accesslog.flume.source.kafka.ConfigKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.apache.flume.interceptor.Interceptor;
import org.apache.flume.interceptor.InterceptorBuilderFactory;
import org.apache.flume.interceptor.InterceptorChain;

/**
 * Builds the channel's interceptor chain from the same keys a Flume source uses: {@code
 * interceptors = i1 i2}, {@code interceptors.i1.type = <alias or Builder class>} and the
 * interceptor's own keys under {@code interceptors.i1.}.
 */
final class ChannelInterceptors {

  static final String KEY = "interceptors";

  private ChannelInterceptors() {}

  /**
   * @throws ConfigurationException naming the key of an interceptor that cannot be built
   */
  static InterceptorChain fromContext(Context context) {
    List<Interceptor> interceptors = new ArrayList<>();
    String names = context.getString(KEY, "").trim();
    for (String name : names.isEmpty() ? new String[0] : names.split("\\s+")) {
      String prefix = KEY + "." + name + ".";
      String typeKey = prefix + "type";
      String type = context.getString(typeKey);
      if (type == null || type.trim().isEmpty()) {
        throw new ConfigurationException(
            String.format(
                "%s is required: '%s' is listed in %s; "
                    + "allowed: a Flume interceptor alias (timestamp, host, static, ...) or the class "
                    + "name of an Interceptor$Builder",
                typeKey, name, KEY));
      }
      Interceptor.Builder builder;
      try {
        builder = InterceptorBuilderFactory.newInstance(type.trim());
      } catch (ClassNotFoundException
          | InstantiationException
          | IllegalAccessException
          | ClassCastException
          | NoClassDefFoundError e) {
        throw ConfigKey.invalid(
            typeKey,
            type,
            "a Flume interceptor alias or the class name of "
                + "an Interceptor$Builder on the agent's classpath ("
                + e
                + ")");
      }
      builder.configure(new Context(context.getSubProperties(prefix)));
      interceptors.add(builder.build());
    }
    InterceptorChain chain = new InterceptorChain();
    chain.setInterceptors(interceptors);
    return chain;
  }
}
