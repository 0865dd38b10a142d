"""Evaluation: how good a scene is (layout accuracy against a ground truth; FPVScore and
geometric metrics to come)."""
