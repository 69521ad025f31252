"""Loading a spaCy pipeline so that its matrix products run on numpy's BLAS, one thread per process.

spaCy's models multiply through thinc, which by default calls the `blis` package. The blis wheels
carry kernels for the CPUs they know and fall back to a generic kernel elsewhere: on an AMD EPYC
of family 25 (Zen 3/4) blis 1.3.4 selects 'generic' and a (3000 x 288) x (288 x 288) product takes
19 ms against 6 ms through numpy's OpenBLAS, which picks its kernel for the running CPU. The
en_core_web_sm parse of the casualties bench's 2,418 candidate sentences took 4.6 s with blis and
2.8 s through numpy, with the same parse for every token (bench/RESULTS.md). So every stage loads
its models here, with thinc's numpy backend told not to use blis.

The stages parallelise over processes (a forked pool, Dask workers), so numpy's BLAS is held to
one thread in each: two processes of two BLAS threads each on two cores only contend.
"""

from __future__ import annotations


def one_blas_thread() -> None:
    """Hold the BLAS libraries loaded in this process to one thread each (forked workers inherit
    the limit). At every model load: a library loaded since (another package's BLAS) is held too."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def load_spacy(name: str, **kwargs):
    """`spacy.load(name, **kwargs)`, every layer of every component (disabled ones too) then set to
    thinc's numpy backend without blis (module doc); the process's current backend is left as it is.
    Raises OSError as spacy.load does when the model is not installed."""
    import spacy
    from thinc.api import NumpyOps

    one_blas_thread()
    nlp = spacy.load(name, **kwargs)
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        for layer in getattr(getattr(component, "model", None), "walk", lambda: [])():
            layer.ops = ops
    return nlp
