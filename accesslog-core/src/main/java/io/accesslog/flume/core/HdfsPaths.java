package io.accesslog.flume.core;

/**
 * Path text as HDFS names it, shared by the sink's recovery and the operations tool: a listing and
 * a configured root or template may differ in scheme and authority, so they compare by path only.
 */
public final class HdfsPaths {
  private HdfsPaths() {}

  /**
   * The path part of {@code path}: {@code hdfs://nn:8020/logs/x} -> {@code /logs/x}, {@code
   * hdfs://nn} -> {@code /}; a path without a scheme is returned as is.
   */
  public static String pathOnly(String path) {
    int scheme = path.indexOf("://");
    if (scheme < 0) {
      return path;
    }
    int slash = path.indexOf('/', scheme + 3);
    return slash < 0 ? "/" : path.substring(slash);
  }
}
