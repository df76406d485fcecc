"""Reference figures for tunebench's expected calibration error and log-loss, from independent code:
_ECELoss as published with "On Calibration of Modern Neural Networks" (Guo et al. 2017) in
github.com/gpleiss/temperature_scaling (temperature_scaling.py at ce1154e, MIT licence, copied unchanged
below) and PyTorch's cross_entropy. Run with Debian's python3-torch: python3 make_reference.py > reference.json
"""
import json

import torch
import torch.nn.functional as F
from torch import nn


class _ECELoss(nn.Module):
    def __init__(self, n_bins=15):
        super(_ECELoss, self).__init__()
        bin_boundaries = torch.linspace(0, 1, n_bins + 1)
        self.bin_lowers = bin_boundaries[:-1]
        self.bin_uppers = bin_boundaries[1:]

    def forward(self, logits, labels):
        softmaxes = F.softmax(logits, dim=1)
        confidences, predictions = torch.max(softmaxes, 1)
        accuracies = predictions.eq(labels)

        ece = torch.zeros(1, device=logits.device)
        for bin_lower, bin_upper in zip(self.bin_lowers, self.bin_uppers):
            # Calculated |confidence - accuracy| in each bin
            in_bin = confidences.gt(bin_lower.item()) * confidences.le(bin_upper.item())
            prop_in_bin = in_bin.float().mean()
            if prop_in_bin.item() > 0:
                accuracy_in_bin = accuracies[in_bin].float().mean()
                avg_confidence_in_bin = confidences[in_bin].mean()
                ece += torch.abs(avg_confidence_in_bin - accuracy_in_bin) * prop_in_bin

        return ece


torch.manual_seed(3)
cases = []
for n, classes, scale in [(40, 3, 1.0), (200, 3, 3.0), (500, 5, 2.0), (120, 2, 6.0)]:
    logits = (torch.randn(n, classes) * scale).double()
    labels = torch.randint(0, classes, (n,))
    cases.append({
        "probabilities": F.softmax(logits, dim=1).tolist(),
        "labels": labels.tolist(),
        "ece": _ECELoss()(logits, labels).item(),
        "log_loss": F.cross_entropy(logits, labels).item(),
    })
print(json.dumps({"source": "gpleiss/temperature_scaling _ECELoss (15 bins), torch.nn.functional.cross_entropy",
                  "cases": cases}))
