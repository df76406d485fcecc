package dev.tunebench.finetune;

/**
 * One logged step of a training job; any figure may be missing (null). Accuracies are fractions (0..1):
 * {@code trainAccuracy} is the result file's {@code train_accuracy}, {@code validationAccuracy} its
 * {@code valid_mean_token_accuracy}.
 */
public record CurvePoint(Long step, Double epoch, Double trainLoss, Double trainAccuracy, Double validationLoss,
                         Double validationAccuracy) {
}
