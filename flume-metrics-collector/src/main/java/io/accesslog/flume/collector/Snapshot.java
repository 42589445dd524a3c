package io.accesslog.flume.collector;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The window on disk: one report per line (JSON) in {@code <storage-dir>/window.jsonl}, replaced
 * atomically (write a temporary file, fsync, rename), so a crash leaves the previous snapshot
 * whole.
 */
final class Snapshot {
  static final String FILE = "window.jsonl";

  private final Path dir;
  private final ReportCodec codec;

  Snapshot(Path dir, ReportCodec codec) {
    this.dir = dir;
    this.codec = codec;
  }

  void write(List<Report> reports) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(FILE + ".tmp");
    ObjectMapper mapper = codec.mapper();
    try (OutputStream out = Files.newOutputStream(tmp)) {
      for (Report report : reports) {
        JsonGenerator generator = mapper.getFactory().createGenerator(out);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        mapper.writeTree(generator, codec.write(report));
        generator.flush();
        out.write('\n');
      }
    }
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(
        tmp,
        dir.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Loads the last snapshot into {@code store}; returns how many reports it held. */
  int load(ReportStore store) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return 0;
    }
    int loaded = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = codec.mapper().readTree(line);
        try {
          store.add(codec.parse(node, node.path("receivedAt").asLong()));
          loaded++;
        } catch (ReportCodec.InvalidReport e) {
          throw new IOException(file + " line " + number + ": " + e.getMessage(), e);
        }
      }
    }
    return loaded;
  }
}
