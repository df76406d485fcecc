package dev.tunebench.suite;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.tunebench.data.MessageAssert.assertThat;

/** Each bad input gives a message naming file, line and field, the expectation and the fix. */
class SuiteLoaderErrorsTest {
    @TempDir
    Path tmp;
    SuiteFixture fx;

    @BeforeEach
    void setUp() {
        fx = new SuiteFixture(tmp);
    }

    @Test
    void invalidYamlNamesLineAndColumn() {
        assertThat(fx.error("data: {eval: data/test.jsonl}\nmodels:\n  - id: base\n   path: x\n"))
                .startsWith("suite.yaml:4:").contains("invalid YAML").contains("Check indentation");
    }

    @Test
    void duplicateYamlKeyIsAnError() {
        assertThat(fx.error(SuiteFixture.MINIMAL + "seed: 1\nseed: 2\n")).startsWith("suite.yaml:5: seed: duplicate key (first on line 4)");
    }

    @Test
    void unknownTopLevelKeySuggestsTheClosest() {
        assertThat(fx.error(SuiteFixture.MINIMAL + "techniqes: []\n"))
                .startsWith("suite.yaml:4: techniqes: unknown key 'techniqes' (did you mean 'techniques'?)");
    }

    @Test
    void unknownNestedKeyNamesTheFullPath() {
        assertThat(fx.error(SuiteFixture.MINIMAL + """
                techniques:
                  - name: a
                  - name: fs
                    transforms:
                      - system: {replace: hi}
                      - few_shot: {k: 2, selectoin: first}
                """)).startsWith("suite.yaml:9: techniques[1].transforms[1].few_shot.selectoin: unknown key 'selectoin' (did you mean 'selection'?)");
    }

    @Test
    void badFewShotKNamesItsPath() {
        assertThat(fx.error(SuiteFixture.MINIMAL + "data: {eval: data/test.jsonl, few_shot_pool: data/train.jsonl}\n"))
                .startsWith("suite.yaml:4: data: duplicate key");
        String yaml = """
                data: {eval: data/test.jsonl, few_shot_pool: data/train.jsonl}
                models: [{id: base, path: models/base, role: baseline}]
                techniques:
                  - name: fs
                    transforms: [{few_shot: {k: three}}]
                """;
        assertThat(fx.error(yaml)).startsWith("suite.yaml:5: techniques[0].transforms[0].few_shot.k: expected a whole number >= 1, got \"three\"");
        assertThat(fx.error(yaml.replace("k: three", "k: 4, selection: first-distinct-answer")))
                .startsWith("suite.yaml:5: techniques[0].transforms[0].few_shot.k: asks for 4 examples but the few-shot pool")
                .contains("has only 3 distinct answers; lower k");
        assertThat(fx.error(yaml.replace("k: three", "k: 2, order: random")))
                .contains("few_shot.order: unknown value 'random'").contains("expected one of as-is, reversed, shuffled, permutations");
    }

    @Test
    void fewShotWithoutPoolSaysToAddIt() {
        assertThat(fx.error(SuiteFixture.MINIMAL + "techniques: [{name: fs, transforms: [{few_shot: {k: 1}}]}]\n"))
                .startsWith("suite.yaml:4: techniques[0].transforms[0].few_shot: few-shot examples come from data.few_shot_pool");
    }

    @Test
    void unknownTransformSuggestsTheClosest() {
        assertThat(fx.error(SuiteFixture.MINIMAL + "techniques: [{name: p, transforms: [{primer: x}]}]\n"))
                .startsWith("suite.yaml:4: techniques[0].transforms[0].primer: unknown key 'primer' (did you mean 'prime'?)");
    }

    @Test
    void duplicateModelIds() {
        assertThat(fx.error("""
                data: {eval: data/test.jsonl}
                models:
                  - {id: ckpt-1, path: models/base, role: baseline}
                  - {glob: "models/ckpt-*"}
                """)).startsWith("suite.yaml:4: models[1]: duplicate model id 'ckpt-1' (also from models[0])");
        fx.folder("exp/a/final");
        fx.folder("exp/b/final");
        assertThat(fx.error(SuiteFixture.MINIMAL + "  - {glob: \"exp/*/final\"}\n"))
                .startsWith("suite.yaml:4: models[1].glob: matches more than one folder named 'final'");
    }

    @Test
    void missingModelFolder() {
        assertThat(fx.error("data: {eval: data/test.jsonl}\nmodels:\n  - {id: base, path: models/bsae, role: baseline}\n"))
                .startsWith("suite.yaml:3: models[0].path: model folder not found: " + tmp.resolve("models/bsae"));
    }

    @Test
    void globMatchingNothing() {
        assertThat(fx.error(SuiteFixture.MINIMAL + "  - {glob: \"models/checkpoint-*\"}\n"))
                .startsWith("suite.yaml:4: models[1].glob: matches no folder under " + tmp);
    }

    @Test
    void exactlyOneBaseline() {
        assertThat(fx.error("data: {eval: data/test.jsonl}\nmodels:\n  - {id: base, path: models/base}\n"))
                .startsWith("suite.yaml:3: models: exactly one model must have role: baseline").contains("found 0");
        assertThat(fx.error(SuiteFixture.MINIMAL + "  - {glob: \"models/ckpt-*\", role: baseline}\n"))
                .contains("exactly one model must have role: baseline").contains("found 3; keep one");
        assertThat(fx.error("data: {eval: data/test.jsonl}\nmodels:\n  - {id: base, path: models/base, role: basline}\n"))
                .startsWith("suite.yaml:3: models[0].role: unknown value 'basline' (did you mean 'baseline'?)");
    }

    @Test
    void unknownScorerInMetricsSuggestsTheClosest() {
        assertThat(fx.error(SuiteFixture.MINIMAL + "scorers: [{name: accuracy_json, type: json_match}]\nmetrics: {accuracy: acuracy_json}\n"))
                .startsWith("suite.yaml:5: metrics.accuracy: unknown scorer 'acuracy_json' (did you mean 'accuracy_json'?)");
        assertThat(fx.error(SuiteFixture.MINIMAL + "scorers: [{name: a, type: json_match}]\nmetrics: {acuracy: a}\n"))
                .contains("metrics.acuracy: unknown key 'acuracy' (did you mean 'accuracy'?)");
    }

    @Test
    void unknownTechniqueSuggestsTheClosest() {
        assertThat(fx.error(SuiteFixture.MINIMAL + "techniques: [{name: as-is}, {name: structured}]\nreference_technique: structure\n"))
                .startsWith("suite.yaml:5: reference_technique: unknown technique 'structure' (did you mean 'structured'?)");
        assertThat(fx.error(SuiteFixture.MINIMAL + """
                techniques: [{name: as-is}]
                scorers: [{name: a, type: json_match}]
                metrics: {accuracy: a}
                checkpoints: {criterion: {metric: accuracy, technique: asis}}
                """)).contains("checkpoints.criterion.technique: unknown technique 'asis' (did you mean 'as-is'?)");
    }

    @Test
    void duplicateTechniqueAndScorerNames() {
        assertThat(fx.error(SuiteFixture.MINIMAL + "techniques: [{name: a}, {name: a}]\n"))
                .startsWith("suite.yaml:4: techniques[1].name: duplicate technique name 'a' (also techniques[0])");
        assertThat(fx.error(SuiteFixture.MINIMAL + "scorers: [{name: a, type: exact}, {name: a, type: exact}]\n"))
                .startsWith("suite.yaml:4: scorers[1].name: duplicate scorer name 'a'");
    }

    @Test
    void missingDataFileAndBadFormat() {
        assertThat(fx.error("data: {eval: data/tset.jsonl}\nmodels: [{id: base, path: models/base, role: baseline}]\n"))
                .startsWith("suite.yaml:1: data.eval: data file not found: " + tmp.resolve("data/tset.jsonl"));
        assertThat(fx.error("data: {eval: {path: data/test.jsonl, format: jsnl}}\nmodels: [{id: base, path: models/base, role: baseline}]\n"))
                .contains("data.eval.format: unknown value 'jsnl' (did you mean 'jsonl'?)");
        assertThat(fx.error("data: {eval: {path: data/test.jsonl, input: q}}\nmodels: [{id: base, path: models/base, role: baseline}]\n"))
                .contains("data.eval.input: only applies to format: jsonl or csv");
    }

    @Test
    void validationLossNeedsValidationData() {
        assertThat(fx.error(SuiteFixture.MINIMAL + "checkpoints: {criterion: validation_loss}\n"))
                .startsWith("suite.yaml:4: checkpoints.criterion: validation_loss needs data.validation");
    }

    @Test
    void settingsAreValidated() {
        assertThat(fx.error(SuiteFixture.MINIMAL + "generation: {max_new_tokens: 0}\n"))
                .startsWith("suite.yaml:4: generation.max_new_tokens: expected a whole number >= 1, got 0");
        assertThat(fx.error(SuiteFixture.MINIMAL + "generation: {decoding: {sampling: {top_p: 0.9}}}\n"))
                .contains("generation.decoding.sampling.temperature: missing");
        assertThat(fx.error(SuiteFixture.MINIMAL + "runner: {device: gpu}\n"))
                .startsWith("suite.yaml:4: runner.device: unknown device 'gpu'; expected cpu, cuda or cuda:N");
        assertThat(fx.error(SuiteFixture.MINIMAL + "cost: {models: {bsae: {prompt_per_1k: 1, completion_per_1k: 1}}}\n"))
                .contains("cost.models.bsae: unknown key 'bsae' (did you mean 'base'?)");
        assertThat(fx.error(SuiteFixture.MINIMAL + "name: my suite\n")).contains("name: 'my suite' has characters");
    }

    @Test
    void missingSuiteFileAndEmptySuite() {
        assertThat(fx.error("")).startsWith("suite.yaml: the suite file is empty");
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(dev.tunebench.spi.InputException.class,
                () -> SuiteLoader.load(tmp.resolve("nope.yaml"))).getMessage())
                .startsWith(tmp.resolve("nope.yaml") + ": cannot read the suite file");
    }
}
