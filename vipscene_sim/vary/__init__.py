"""Scene variants for policy stress tests (`vipscene vary`): the axes (`axes`), their ranges
(`settings`), the files variants share (`share`) and the run (`run`)."""

from .axes import AXES, VariantInvalid, VaryContext
from .run import VariantResult, draw_variant, parse_axes, vary
from .settings import AXIS_NAMES, VarySettings

__all__ = ["AXES", "AXIS_NAMES", "VariantInvalid", "VariantResult", "VaryContext", "VarySettings", "draw_variant",
           "parse_axes", "vary"]
