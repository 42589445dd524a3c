package io.accesslog.flume.source.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flume.source.avro.AvroFlumeEvent;

/** Flume AvroFlumeEvent envelopes, as stock Flume's Kafka sink and channel write them. */
public final class Envelopes {

  private Envelopes() {}

  /** The envelope of {@code body} (UTF-8) with {@code headers}. */
  public static byte[] of(String body, Map<String, String> headers) throws IOException {
    Map<CharSequence, CharSequence> avroHeaders = new HashMap<>(headers);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(AvroFlumeEvent.class)
        .write(
            new AvroFlumeEvent(avroHeaders, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8))),
            encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
