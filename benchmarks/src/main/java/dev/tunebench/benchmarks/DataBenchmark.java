package dev.tunebench.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.data.DataSource;
import dev.tunebench.data.DatasetReader;
import dev.tunebench.data.Row;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reading data: Jackson's tree parse of one demo chat line (what the reader does per line), and whole
 * rows through {@link DatasetReader} (file read, parse, validation, Row), per row of the 240-row test set.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DataBenchmark {
    static final int TEST_ROWS = 240;

    private final ObjectMapper mapper = new ObjectMapper();
    private String line;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        line = Files.readAllLines(Demo.testData()).get(0);
    }

    @Benchmark
    public JsonNode parseLine() throws JsonProcessingException {
        return mapper.readTree(line);
    }

    @Benchmark
    @OperationsPerInvocation(TEST_ROWS)
    public void readRows(Blackhole bh) {
        try (Stream<Row> rows = DatasetReader.open(DataSource.chat(Demo.testData()))) {
            rows.forEach(bh::consume);
        }
    }
}
