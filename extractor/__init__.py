"""protokoll: Swedish meeting minutes (protokoll, minnesanteckningar) from PDF to structured JSON."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("protokoll")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"



def extract(path, **options):
    """Read the minutes PDF at ``path`` into a ``Minutes`` model (see ``extractor.pipeline.extract``)."""
    from extractor.pipeline import extract as run_pipeline

    return run_pipeline(path, **options)

__all__ = ["extract", "__version__"]
