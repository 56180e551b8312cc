#!/usr/bin/env python3
"""Generate a synthetic home directory for benchmarking venvdex.

Usage: gen-home.py [--entries N] [--seed S] [--manifest FILE] [--force] DIR

DIR becomes a home directory of about N filesystem entries (directories, files and symlinks,
DIR itself not counted), shaped like a developer's home:

  ~60%  ~/src/<project>/...: source trees, tests, docs, .git (loose objects in 2-hex fan-out
        directories), node_modules, __pycache__, .mypy_cache, in-project .venv / venv / .tox
  ~40-50% inside Python environments: PEP 405 venvs (venv, virtualenv and uv styles), pyenv
        interpreters and a pyenv-virtualenv env, a uv-managed interpreter, miniconda (base,
        pkgs cache, nested envs), pipx, poetry, pipenv, hatch, virtualenvwrapper, a legacy
        (python2.7, no pyvenv.cfg) virtualenv, some broken envs (interpreter missing).
  the rest: caches (pip, npm, uv), editor and browser profiles, documents.

Deterministic for a given (--seed, --entries). Python 3 standard library only. Only DIR is
written (and --manifest, a JSON list of the environments created with what a scanner should
report for each). Symlinks point at absolute paths inside DIR, or at /usr/bin/python3.X.
"""

import argparse
import base64
import hashlib
import json
import os
import random
import re
import shutil
import sys
import time

# ---------------------------------------------------------------------------------------------
# Package catalogue: (Name, version, top-level modules, weight ~ number of .py files, deps,
# console scripts, has compiled extensions). The weights are smaller than reality for the
# giants (numpy, Django, botocore) to keep the corpus a manageable size, but keep their order.

CATALOG = [
    ("pip", "23.3.1", "pip", 220, "", "pip pip3", 0),
    ("setuptools", "69.0.2", "setuptools pkg_resources _distutils_hack", 150, "", "", 0),
    ("wheel", "0.42.0", "wheel", 14, "", "wheel", 0),
    ("requests", "2.31.0", "requests", 18,
     "charset-normalizer<4,>=2|idna<4,>=2.5|urllib3<3,>=1.21.1|certifi>=2017.4.17", "", 0),
    ("urllib3", "2.1.0", "urllib3", 36, "", "", 0),
    ("idna", "3.6", "idna", 8, "", "", 0),
    ("certifi", "2023.11.17", "certifi", 3, "", "", 0),
    ("charset-normalizer", "3.3.2", "charset_normalizer", 14, "", "normalizer", 1),
    ("numpy", "1.26.2", "numpy", 260, "", "f2py", 1),
    ("pandas", "2.1.3", "pandas", 300,
     "numpy<2,>=1.23.2|python-dateutil>=2.8.2|pytz>=2020.1|tzdata>=2022.1", "", 1),
    ("python-dateutil", "2.8.2", "dateutil", 20, "six>=1.5", "", 0),
    ("pytz", "2023.3.post1", "pytz", 30, "", "", 0),
    ("six", "1.16.0", "six.py", 1, "", "", 0),
    ("tzdata", "2023.3", "tzdata", 60, "", "", 0),
    ("Django", "4.2.7", "django", 400, "asgiref<4,>=3.6.0|sqlparse>=0.3.1", "django-admin", 0),
    ("asgiref", "3.7.2", "asgiref", 12, "", "", 0),
    ("sqlparse", "0.4.4", "sqlparse", 25, "", "sqlformat", 0),
    ("Flask", "3.0.0", "flask", 25,
     "Werkzeug>=3.0.0|Jinja2>=3.1.2|itsdangerous>=2.1.2|click>=8.1.3|blinker>=1.6.2", "flask", 0),
    ("Werkzeug", "3.0.1", "werkzeug", 50, "MarkupSafe>=2.1.1", "", 0),
    ("Jinja2", "3.1.2", "jinja2", 25, "MarkupSafe>=2.0", "", 0),
    ("MarkupSafe", "2.1.3", "markupsafe", 4, "", "", 1),
    ("itsdangerous", "2.1.2", "itsdangerous", 8, "", "", 0),
    ("click", "8.1.7", "click", 16, "", "", 0),
    ("blinker", "1.7.0", "blinker", 4, "", "", 0),
    ("attrs", "23.1.0", "attr attrs", 30, "", "", 0),
    ("pytest", "7.4.3", "pytest _pytest py.py", 80, "iniconfig|packaging|pluggy<2.0,>=0.12",
     "pytest py.test", 0),
    ("iniconfig", "2.0.0", "iniconfig", 4, "", "", 0),
    ("packaging", "23.2", "packaging", 14, "", "", 0),
    ("pluggy", "1.3.0", "pluggy", 8, "", "", 0),
    ("PyYAML", "6.0.1", "yaml _yaml", 18, "", "", 1),
    ("toml", "0.10.2", "toml", 6, "", "", 0),
    ("tomli", "2.0.1", "tomli", 4, "", "", 0),
    ("black", "23.11.0", "black blib2to3 blackd", 60,
     "click>=8.0.0|mypy-extensions>=0.4.3|packaging>=22.0|pathspec>=0.9.0|platformdirs>=2",
     "black blackd", 1),
    ("mypy-extensions", "1.0.0", "mypy_extensions.py", 1, "", "", 0),
    ("pathspec", "0.11.2", "pathspec", 10, "", "", 0),
    ("platformdirs", "4.0.0", "platformdirs", 9, "", "", 0),
    ("mypy", "1.7.1", "mypy mypyc", 200, "typing-extensions>=4.1.0|mypy-extensions>=1.0.0",
     "mypy dmypy stubgen stubtest mypyc", 1),
    ("typing_extensions", "4.8.0", "typing_extensions.py", 1, "", "", 0),
    ("ruff", "0.1.6", "ruff", 3, "", "", 0),
    ("flake8", "6.1.0", "flake8", 30, "mccabe<0.8.0,>=0.7.0|pycodestyle<2.12.0,>=2.11.0|"
     "pyflakes<3.2.0,>=3.1.0", "flake8", 0),
    ("mccabe", "0.7.0", "mccabe.py", 1, "", "", 0),
    ("pycodestyle", "2.11.1", "pycodestyle.py", 1, "", "pycodestyle", 0),
    ("pyflakes", "3.1.0", "pyflakes", 16, "", "pyflakes", 0),
    ("isort", "5.12.0", "isort", 40, "", "isort isort-identify-imports", 0),
    ("coverage", "7.3.2", "coverage", 40, "", "coverage coverage3", 1),
    ("pydantic", "2.5.2", "pydantic", 110,
     "annotated-types>=0.4.0|pydantic-core==2.14.5|typing-extensions>=4.6.1", "", 0),
    ("pydantic_core", "2.14.5", "pydantic_core", 4, "typing-extensions!=4.7.0,>=4.6.0", "", 1),
    ("annotated-types", "0.6.0", "annotated_types", 3, "", "", 0),
    ("fastapi", "0.104.1", "fastapi", 45,
     "anyio<4.0.0,>=3.7.1|pydantic!=1.8,>=1.7.4|starlette<0.28.0,>=0.27.0|typing-extensions>=4.8.0",
     "", 0),
    ("starlette", "0.27.0", "starlette", 35, "anyio<5,>=3.4.0", "", 0),
    ("anyio", "4.1.0", "anyio", 40, "idna>=2.8|sniffio>=1.1", "", 0),
    ("sniffio", "1.3.0", "sniffio", 5, "", "", 0),
    ("h11", "0.14.0", "h11", 12, "", "", 0),
    ("uvicorn", "0.24.0.post1", "uvicorn", 40, "click>=7.0|h11>=0.8", "uvicorn", 0),
    ("httpx", "0.25.2", "httpx", 30, "anyio|certifi|httpcore==1.*|idna|sniffio", "httpx", 0),
    ("httpcore", "1.0.2", "httpcore", 30, "certifi|h11<0.15,>=0.13", "", 0),
    ("SQLAlchemy", "2.0.23", "sqlalchemy", 240, "typing-extensions>=4.2.0|greenlet!=0.4.17", "", 1),
    ("greenlet", "3.0.1", "greenlet", 20, "", "", 1),
    ("alembic", "1.12.1", "alembic", 60, "Mako|SQLAlchemy>=1.3.0|typing-extensions>=4", "alembic", 0),
    ("Mako", "1.3.0", "mako", 30, "MarkupSafe>=0.9.2", "mako-render", 0),
    ("psycopg2-binary", "2.9.9", "psycopg2", 12, "", "", 1),
    ("redis", "5.0.1", "redis", 80, "", "", 0),
    ("celery", "5.3.6", "celery", 160, "billiard<5.0,>=4.2.0|kombu<6.0,>=5.3.4|vine<6.0,>=5.1.0|"
     "click<9.0,>=8.1.2|python-dateutil>=2.8.2|tzdata>=2022.7", "celery", 0),
    ("kombu", "5.3.4", "kombu", 70, "amqp<6.0.0,>=5.1.1|vine", "", 0),
    ("vine", "5.1.0", "vine", 6, "", "", 0),
    ("billiard", "4.2.0", "billiard", 24, "", "", 0),
    ("amqp", "5.2.0", "amqp", 16, "vine<6.0.0,>=5.0.0", "", 0),
    ("boto3", "1.33.1", "boto3", 50, "botocore<1.34.0,>=1.33.1|jmespath<2.0.0,>=0.7.1|"
     "s3transfer<0.9.0,>=0.8.0", "", 0),
    ("botocore", "1.33.1", "botocore", 260, "jmespath<2.0.0,>=0.7.1|python-dateutil<3.0.0,>=2.1|"
     "urllib3<2.1,>=1.25.4", "", 0),
    ("jmespath", "1.0.1", "jmespath", 8, "", "jp.py", 0),
    ("s3transfer", "0.8.2", "s3transfer", 16, "botocore<2.0a.0,>=1.33.2", "", 0),
    ("scipy", "1.11.4", "scipy", 320, "numpy<1.28.0,>=1.21.6", "", 1),
    ("matplotlib", "3.8.2", "matplotlib mpl_toolkits pylab.py", 160,
     "contourpy>=1.0.1|cycler>=0.10|fonttools>=4.22.0|kiwisolver>=1.3.1|numpy<2,>=1.21|"
     "packaging>=20.0|pillow>=8|pyparsing>=2.3.1|python-dateutil>=2.7", "", 1),
    ("contourpy", "1.2.0", "contourpy", 12, "numpy<2.0,>=1.20", "", 1),
    ("cycler", "0.12.1", "cycler", 2, "", "", 0),
    ("fonttools", "4.45.1", "fontTools", 200, "", "fonttools pyftmerge pyftsubset ttx", 1),
    ("kiwisolver", "1.4.5", "kiwisolver", 3, "", "", 1),
    ("pillow", "10.1.0", "PIL", 90, "", "", 1),
    ("pyparsing", "3.1.1", "pyparsing", 14, "", "", 0),
    ("scikit-learn", "1.3.2", "sklearn", 280,
     "numpy<2.0,>=1.17.3|scipy>=1.5.0|joblib>=1.1.1|threadpoolctl>=2.0.0", "", 1),
    ("joblib", "1.3.2", "joblib", 50, "", "", 0),
    ("threadpoolctl", "3.2.0", "threadpoolctl.py", 1, "", "", 0),
    ("ipython", "8.18.1", "IPython", 130,
     "decorator|jedi>=0.16|matplotlib-inline|prompt-toolkit<3.1.0,>=3.0.41|pygments>=2.4.0|"
     "stack-data|traitlets>=5|pexpect>4.3", "ipython ipython3", 0),
    ("jedi", "0.19.1", "jedi", 70, "parso<0.9.0,>=0.8.3", "", 0),
    ("parso", "0.8.3", "parso", 30, "", "", 0),
    ("traitlets", "5.14.0", "traitlets", 40, "", "", 0),
    ("decorator", "5.1.1", "decorator.py", 1, "", "", 0),
    ("Pygments", "2.17.2", "pygments", 250, "", "pygmentize", 0),
    ("prompt-toolkit", "3.0.41", "prompt_toolkit", 150, "wcwidth", "", 0),
    ("wcwidth", "0.2.12", "wcwidth", 6, "", "", 0),
    ("pexpect", "4.9.0", "pexpect", 16, "ptyprocess>=0.5", "", 0),
    ("ptyprocess", "0.7.0", "ptyprocess", 4, "", "", 0),
    ("stack-data", "0.6.3", "stack_data", 6, "executing>=1.2.0|asttokens>=2.1.0|pure-eval", "", 0),
    ("executing", "2.0.1", "executing", 6, "", "", 0),
    ("asttokens", "2.4.1", "asttokens", 8, "six>=1.12.0", "", 0),
    ("pure-eval", "0.2.2", "pure_eval", 5, "", "", 0),
    ("matplotlib-inline", "0.1.6", "matplotlib_inline", 3, "traitlets", "", 0),
    ("jupyter_core", "5.5.0", "jupyter_core", 14, "platformdirs>=2.5|traitlets>=5.3",
     "jupyter jupyter-migrate jupyter-troubleshoot", 0),
    ("jupyter_client", "8.6.0", "jupyter_client", 40, "jupyter-core>=4.12|python-dateutil>=2.8.2|"
     "pyzmq>=23.0|tornado>=6.2|traitlets>=5.3", "jupyter-kernel jupyter-run", 0),
    ("ipykernel", "6.27.1", "ipykernel", 50, "comm>=0.1.1|debugpy>=1.6.5|ipython>=7.23.1|"
     "jupyter-client>=6.1.12|nest-asyncio|psutil|pyzmq>=20|tornado>=6.1|traitlets>=5.4.0", "", 0),
    ("tornado", "6.4", "tornado", 90, "", "", 1),
    ("pyzmq", "25.1.1", "zmq", 90, "", "", 1),
    ("nest-asyncio", "1.5.8", "nest_asyncio.py", 1, "", "", 0),
    ("debugpy", "1.8.0", "debugpy", 200, "", "", 1),
    ("psutil", "5.9.6", "psutil", 30, "", "", 1),
    ("comm", "0.2.0", "comm", 3, "traitlets>=4", "", 0),
    ("rich", "13.7.0", "rich", 80, "markdown-it-py>=2.2.0|pygments<3.0.0,>=2.13.0", "", 0),
    ("markdown-it-py", "3.0.0", "markdown_it", 60, "mdurl~=0.1", "markdown-it", 0),
    ("mdurl", "0.1.2", "mdurl", 6, "", "", 0),
    ("tqdm", "4.66.1", "tqdm", 30, "", "tqdm", 0),
    ("colorama", "0.4.6", "colorama", 14, "", "", 0),
    ("cryptography", "41.0.7", "cryptography", 120, "cffi>=1.12", "", 1),
    ("cffi", "1.16.0", "cffi _cffi_backend", 24, "pycparser", "", 1),
    ("pycparser", "2.21", "pycparser", 16, "", "", 0),
    ("virtualenv", "20.25.0", "virtualenv", 120, "distlib<1,>=0.3.7|filelock<4,>=3.12.2|"
     "platformdirs<5,>=3.9.1", "virtualenv", 0),
    ("distlib", "0.3.7", "distlib", 14, "", "", 0),
    ("filelock", "3.13.1", "filelock", 8, "", "", 0),
    ("tox", "4.11.4", "tox", 90, "cachetools>=5.3.1|chardet>=5.2|colorama>=0.4.6|filelock>=3.12.3|"
     "packaging>=23.1|platformdirs>=3.10|pluggy>=1.3|pyproject-api>=1.6.1|virtualenv>=20.24.3",
     "tox", 0),
    ("cachetools", "5.3.2", "cachetools", 4, "", "", 0),
    ("chardet", "5.2.0", "chardet", 45, "", "chardetect", 0),
    ("pyproject-api", "1.6.1", "pyproject_api", 6, "packaging>=23.1", "", 0),
    ("pre-commit", "3.5.0", "pre_commit", 70, "cfgv>=2.0.0|identify>=1.0.0|nodeenv>=0.11.1|"
     "pyyaml>=5.1|virtualenv>=20.10.0", "pre-commit", 0),
    ("cfgv", "3.4.0", "cfgv.py", 1, "", "", 0),
    ("identify", "2.5.32", "identify", 8, "", "identify-cli", 0),
    ("nodeenv", "1.8.0", "nodeenv.py", 1, "setuptools", "nodeenv", 0),
    ("Sphinx", "7.2.6", "sphinx", 260, "sphinxcontrib-applehelp|docutils<0.21,>=0.18.1|"
     "Jinja2>=3.0|Pygments>=2.14|snowballstemmer>=2.0|babel>=2.9|alabaster<0.8,>=0.7|"
     "imagesize>=1.3|requests>=2.25.0|packaging>=21.0",
     "sphinx-build sphinx-quickstart sphinx-apidoc sphinx-autogen", 0),
    ("sphinxcontrib-applehelp", "1.0.7", "sphinxcontrib", 3, "", "", 0),
    ("docutils", "0.20.1", "docutils", 120, "", "docutils rst2html.py", 0),
    ("alabaster", "0.7.13", "alabaster", 4, "", "", 0),
    ("Babel", "2.13.1", "babel", 40, "", "pybabel", 0),
    ("imagesize", "1.4.1", "imagesize", 3, "", "", 0),
    ("snowballstemmer", "2.2.0", "snowballstemmer", 30, "", "", 0),
    ("lxml", "4.9.3", "lxml", 40, "", "", 1),
    ("beautifulsoup4", "4.12.2", "bs4", 30, "soupsieve>1.2", "", 0),
    ("soupsieve", "2.5", "soupsieve", 8, "", "", 0),
    ("python-dotenv", "1.0.0", "dotenv", 9, "", "dotenv", 0),
    ("gunicorn", "21.2.0", "gunicorn", 50, "packaging", "gunicorn", 0),
    ("Markdown", "3.5.1", "markdown", 40, "", "markdown_py", 0),
    ("PyJWT", "2.8.0", "jwt", 12, "", "", 0),
    ("marshmallow", "3.20.1", "marshmallow", 14, "packaging>=17.0", "", 0),
    ("openpyxl", "3.1.2", "openpyxl", 150, "et-xmlfile", "", 0),
    ("et-xmlfile", "1.1.0", "et_xmlfile", 4, "", "", 0),
    ("pyarrow", "14.0.1", "pyarrow", 200, "numpy>=1.16.6", "", 1),
    ("networkx", "3.2.1", "networkx", 300, "", "", 0),
    ("sympy", "1.12", "sympy isympy.py", 300, "mpmath>=0.19", "isympy", 0),
    ("mpmath", "1.3.0", "mpmath", 60, "", "", 0),
    ("httpie", "3.2.2", "httpie", 70, "charset-normalizer>=2.0.0|defusedxml>=0.6.0|"
     "requests[socks]>=2.22.0|Pygments>=2.5.2|requests-toolbelt>=0.9.1|multidict>=4.7.0|"
     "setuptools|rich>=9.10.0", "http https httpie", 0),
    ("defusedxml", "0.7.1", "defusedxml", 10, "", "", 0),
    ("requests-toolbelt", "1.0.0", "requests_toolbelt", 30, "requests<3.0.0,>=2.0.1", "", 0),
    ("multidict", "6.0.4", "multidict", 6, "", "", 1),
    ("PySocks", "1.7.1", "socks.py sockshandler.py", 1, "", "", 0),
    ("cookiecutter", "2.5.0", "cookiecutter", 20, "binaryornot>=0.4.4|Jinja2<4.0.0,>=2.7|"
     "click<9.0.0,>=7.0|pyyaml>=5.3.1|python-slugify>=4.0.0|requests>=2.23.0|arrow|rich",
     "cookiecutter", 0),
    ("binaryornot", "0.4.4", "binaryornot", 4, "chardet>=3.0.2", "", 0),
    ("python-slugify", "8.0.1", "slugify", 5, "text-unidecode>=1.3", "slugify", 0),
    ("text-unidecode", "1.3", "text_unidecode", 2, "", "", 0),
    ("arrow", "1.3.0", "arrow", 12, "python-dateutil>=2.7.0|types-python-dateutil>=2.8.10", "", 0),
    ("types-python-dateutil", "2.8.19.14", "dateutil-stubs", 10, "", "", 0),
    ("yt-dlp", "2023.11.16", "yt_dlp", 300, "mutagen|pycryptodomex|websockets|brotli|certifi",
     "yt-dlp", 0),
    ("mutagen", "1.47.0", "mutagen", 60, "", "mid3v2 mutagen-inspect", 0),
    ("pycryptodomex", "3.19.0", "Cryptodome", 150, "", "", 1),
    ("websockets", "12.0", "websockets", 40, "", "", 1),
    ("Brotli", "1.1.0", "brotli.py _brotli", 1, "", "", 1),
    ("poetry", "1.7.1", "poetry", 200, "build<2.0.0,>=1.0.3|cachecontrol[filecache]<0.14.0,>=0.13.0|"
     "cleo<3.0.0,>=2.1.0|crashtest<0.5.0,>=0.4.1|dulwich<0.22.0,>=0.21.2|installer<0.8.0,>=0.7.0|"
     "keyring<25.0.0,>=24.0.0|packaging>=20.5|pexpect<5.0.0,>=4.7.0|pkginfo<2.0,>=1.9.4|"
     "platformdirs<4.0.0,>=3.0.0|poetry-core==1.8.1|requests<3.0,>=2.26|shellingham<2.0,>=1.5|"
     "tomlkit<1.0.0,>=0.11.4|trove-classifiers>=2022.5.19|virtualenv<21.0.0,>=20.23.0", "poetry", 0),
    ("poetry-core", "1.8.1", "poetry/core", 150, "", "", 0),
    ("build", "1.0.3", "build", 10, "packaging>=19.0|pyproject_hooks", "pyproject-build", 0),
    ("pyproject_hooks", "1.0.0", "pyproject_hooks", 6, "", "", 0),
    ("CacheControl", "0.13.1", "cachecontrol", 14, "msgpack>=0.5.2|requests>=2.16.0", "doesitcache", 0),
    ("msgpack", "1.0.7", "msgpack", 5, "", "", 1),
    ("cleo", "2.1.0", "cleo", 60, "crashtest<0.5.0,>=0.4.1|rapidfuzz<4.0.0,>=3.0.0", "", 0),
    ("crashtest", "0.4.1", "crashtest", 8, "", "", 0),
    ("rapidfuzz", "3.5.2", "rapidfuzz", 30, "", "", 1),
    ("dulwich", "0.21.7", "dulwich", 90, "urllib3>=1.25", "dulwich", 1),
    ("installer", "0.7.0", "installer", 10, "", "", 0),
    ("keyring", "24.3.0", "keyring", 30, "jaraco.classes|SecretStorage>=3.2|jeepney>=0.4.2",
     "keyring", 0),
    ("jaraco.classes", "3.3.0", "jaraco", 3, "more-itertools", "", 0),
    ("more-itertools", "10.1.0", "more_itertools", 5, "", "", 0),
    ("SecretStorage", "3.3.3", "secretstorage", 8, "cryptography>=2.0|jeepney>=0.6", "", 0),
    ("jeepney", "0.8.0", "jeepney", 30, "", "", 0),
    ("pkginfo", "1.9.6", "pkginfo", 20, "", "pkginfo", 0),
    ("shellingham", "1.5.4", "shellingham", 8, "", "", 0),
    ("tomlkit", "0.12.3", "tomlkit", 14, "", "", 0),
    ("trove-classifiers", "2023.11.29", "trove_classifiers", 2, "", "", 0),
    ("ansible-core", "2.16.0", "ansible ansible_test", 600, "jinja2>=3.0.0|PyYAML>=5.1|"
     "cryptography|packaging|resolvelib<1.1.0,>=0.5.3", "ansible ansible-playbook ansible-galaxy", 0),
    ("resolvelib", "1.0.1", "resolvelib", 8, "", "", 0),
    ("awscli", "1.31.1", "awscli", 250, "botocore==1.33.1|docutils<0.17,>=0.10|s3transfer<0.9.0|"
     "PyYAML<6.1,>=3.10|colorama<0.4.5|rsa<4.8,>=3.1.2", "aws aws_completer", 0),
    ("rsa", "4.7.2", "rsa", 14, "pyasn1>=0.1.3", "pyrsa-decrypt pyrsa-encrypt", 0),
    ("pyasn1", "0.5.1", "pyasn1", 40, "", "", 0),
    ("hatchling", "1.18.0", "hatchling", 70, "editables>=0.3|packaging>=21.3|pathspec>=0.10.1|"
     "pluggy>=1.0.0|trove-classifiers", "hatchling", 0),
    ("editables", "0.5", "editables", 3, "", "", 0),
    ("nox", "2023.4.22", "nox", 20, "argcomplete<4.0,>=1.9.4|colorlog<7.0.0,>=2.6.1|packaging>=20.9|"
     "virtualenv>=14", "nox tox-to-nox", 0),
    ("argcomplete", "3.1.6", "argcomplete", 10, "", "activate-global-python-argcomplete", 0),
    ("colorlog", "6.8.0", "colorlog", 6, "", "", 0),
    ("grpcio", "1.59.3", "grpc", 60, "", "", 1),
    ("protobuf", "4.25.1", "google", 80, "", "", 1),
    ("Werkzeug-stubs", "0.1.0", "werkzeug-stubs", 3, "", "", 0),
]

SUMMARIES = {
    "requests": "Python HTTP for Humans.",
    "urllib3": "HTTP library with thread-safe connection pooling, file post, and more.",
    "idna": "Internationalized Domain Names in Applications (IDNA)",
    "certifi": "Python package for providing Mozilla's CA Bundle.",
    "charset-normalizer": "The Real First Universal Charset Detector. Open, modern and actively "
                          "maintained alternative to Chardet.",
    "numpy": "Fundamental package for array computing in Python",
    "pandas": "Powerful data structures for data analysis, time series, and statistics",
    "Django": "A high-level Python web framework that encourages rapid development and clean, "
              "pragmatic design.",
    "Flask": "A simple framework for building complex web applications.",
    "pip": "The PyPA recommended tool for installing Python packages.",
    "setuptools": "Easily download, build, install, upgrade, and uninstall Python packages",
    "six": "Python 2 and 3 compatibility utilities",
    "click": "Composable command line interface toolkit",
    "pytest": "pytest: simple powerful testing with Python",
    "black": "The uncompromising code formatter.",
    "rich": "Render rich text, tables, progress bars, syntax highlighting, markdown and more to "
            "the terminal",
}

WORDS = ("alpha beta gamma delta atlas orbit nimbus quartz cobalt ember falcon harbor lumen "
         "mosaic nebula onyx pixel quill raven sable tango umbra vertex willow yarrow zephyr "
         "acorn bramble cinder dune fjord glacier heron iris juniper kestrel lotus meadow "
         "nectar oasis pebble quasar ripple sprout tundra upland vapor wharf xenon yonder "
         "zenith anchor basalt canyon drift echo flint grove hollow inlet jade knoll ledger "
         "maple north otter prairie quarry reef summit timber ultra vale wren").split()

PROJECT_WORDS = ("api service tool kit app web data etl bot cli sync scraper dashboard worker "
                 "pipeline lab notes site engine core client server mono infra ops ml").split()

STDLIB_TOP = ("__future__ _collections_abc _compat_pickle _markupbase _pydecimal _pyio _sitebuiltins "
              "_strptime _threading_local _weakrefset abc aifc antigravity argparse ast asynchat "
              "asyncore base64 bdb bisect bz2 cProfile calendar cgi cgitb chunk cmd code codecs "
              "codeop colorsys compileall configparser contextlib contextvars copy copyreg crypt "
              "csv dataclasses datetime decimal difflib dis doctest enum filecmp fileinput "
              "fnmatch fractions ftplib functools genericpath getopt getpass gettext glob "
              "graphlib gzip hashlib heapq hmac imaplib imghdr inspect io ipaddress keyword "
              "linecache locale lzma mailbox mailcap mimetypes modulefinder netrc nntplib "
              "ntpath nturl2path numbers opcode operator optparse os pathlib pdb pickle "
              "pickletools pipes pkgutil platform plistlib poplib posixpath pprint profile "
              "pstats pty py_compile pyclbr pydoc queue quopri random reprlib rlcompleter "
              "runpy sched secrets selectors shelve shlex shutil signal site smtpd smtplib "
              "sndhdr socket socketserver sre_compile sre_constants sre_parse ssl stat "
              "statistics string stringprep struct subprocess sunau symtable sysconfig "
              "tabnanny tarfile telnetlib tempfile textwrap this threading timeit token "
              "tokenize trace traceback tracemalloc tty turtle types typing uu uuid warnings "
              "wave weakref webbrowser xdrlib zipapp zipfile zipimport").split()
STDLIB_PKGS = ("asyncio collections concurrent/futures ctypes curses dbm email email/mime "
               "encodings ensurepip html http idlelib importlib importlib/metadata "
               "importlib/resources json lib2to3 lib2to3/fixes lib2to3/pgen2 logging "
               "multiprocessing multiprocessing/dummy pydoc_data re sqlite3 tomllib unittest "
               "urllib venv wsgiref xml xml/dom xml/etree xml/parsers xml/sax xmlrpc zoneinfo "
               "test test/support test/libregrtest").split()

CONDA_NATIVE = [
    ("_libgcc_mutex", "0.1", "main", []),
    ("_openmp_mutex", "5.1", "1_gnu", ["_libgcc_mutex 0.1 main", "libgomp >=7.5.0"]),
    ("bzip2", "1.0.8", "h7b6447c_0", ["libgcc-ng >=7.3.0"]),
    ("ca-certificates", "2023.08.22", "h06a4308_0", []),
    ("ld_impl_linux-64", "2.38", "h1181459_1", []),
    ("libffi", "3.4.4", "h6a678d5_0", ["libgcc-ng >=11.2.0", "libstdcxx-ng >=11.2.0"]),
    ("libgcc-ng", "11.2.0", "h1234567_1", ["_libgcc_mutex 0.1 main", "_openmp_mutex"]),
    ("libgomp", "11.2.0", "h1234567_1", ["_libgcc_mutex 0.1 main"]),
    ("libstdcxx-ng", "11.2.0", "h1234567_1", []),
    ("libuuid", "1.41.5", "h5eee18b_0", ["libgcc-ng >=11.2.0"]),
    ("ncurses", "6.4", "h6a678d5_0", ["libgcc-ng >=11.2.0"]),
    ("openssl", "3.0.12", "h7f8727e_0", ["ca-certificates", "libgcc-ng >=7.5.0"]),
    ("readline", "8.2", "h5eee18b_0", ["libgcc-ng >=11.2.0", "ncurses >=6.3,<7.0a0"]),
    ("sqlite", "3.41.2", "h5eee18b_0", ["libgcc-ng >=11.2.0", "readline >=8.0,<9.0a0",
                                         "zlib >=1.2.13,<1.3.0a0"]),
    ("tk", "8.6.12", "h1ccaba5_0", ["libgcc-ng >=7.5.0", "zlib >=1.2.12,<1.3.0a0"]),
    ("xz", "5.4.5", "h5eee18b_0", ["libgcc-ng >=11.2.0"]),
    ("zlib", "1.2.13", "h5eee18b_0", ["libgcc-ng >=11.2.0"]),
    ("libopenblas", "0.3.21", "h043d6bf_0", ["libgcc-ng >=11.2.0", "libgfortran-ng"]),
]

CONDA_PY_BUILD = {"3.8": "h955ad1f_0", "3.10": "h955ad1f_0", "3.11": "h955ad1f_0", "3.12": "h996f2a0_0"}


def b64hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_escape(name):
    return re.sub(r"[-_.]+", "_", name)


class Gen:
    def __init__(self, root, seed, entries):
        self.root = os.path.abspath(root)
        self.rng = random.Random(seed)
        self.target = entries
        self.n = 0
        self.files = 0
        self.dirs = 0
        self.links = 0
        self.distinfo = 0
        self.egginfo = 0
        self.envs = []
        self.env_entries = 0
        self.cat = {"misc": 0, "proj_src": 0, "env_inproj": 0, "env_other": 0}
        self.wscale = 0.4  # the catalogue's weights times this: .py files per distribution
        self.projects = 0
        self.catalog = {}
        for (name, ver, mods, w, deps, scripts, ext) in CATALOG:
            self.catalog[norm(name)] = dict(name=name, version=ver, mods=mods.split(), w=w,
                                           deps=[d for d in deps.split("|") if d],
                                           scripts=scripts.split(), ext=ext)
        self.catalog_keys = list(self.catalog)
        # pools of file bodies, so that writing a file costs one hash and one write
        r = self.rng
        self.py_pool = [self._fake_python(r.randint(2, 60)) for _ in range(64)]
        self.js_pool = [self._fake_js(r.randint(2, 40)) for _ in range(32)]
        self.text_pool = [self._fake_text(r.randint(1, 30)) for _ in range(32)]
        self.pyc_pool = [bytes([0xa7, 0x0d, 0x0d, 0x0a]) + bytes(12) + r.randbytes(r.randint(80, 3000))
                         for _ in range(32)]
        self.so_pool = [b"\x7fELF\x02\x01\x01" + bytes(9) + r.randbytes(r.randint(2000, 3800))
                        for _ in range(8)]

    # -- primitive writers (each counts one entry) ----------------------------------------------
    def mkdir(self, p):
        os.mkdir(p)
        self.n += 1
        self.dirs += 1

    def mkdirs(self, p):
        try:
            os.mkdir(p)
        except FileNotFoundError:
            self.mkdirs(os.path.dirname(p))
            os.mkdir(p)
        except FileExistsError:
            return
        self.n += 1
        self.dirs += 1

    def write(self, p, data, mode=0o644):
        if isinstance(data, str):
            data = data.encode()
        fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        try:
            if data:
                os.write(fd, data)
        finally:
            os.close(fd)
        self.n += 1
        self.files += 1
        return data

    def symlink(self, target, p):
        os.symlink(target, p)
        self.n += 1
        self.links += 1

    # -- content --------------------------------------------------------------------------------
    def _fake_python(self, nfuncs):
        r = self.rng
        out = ["import os\nimport sys\nfrom typing import Any, Optional\n\n"]
        for i in range(nfuncs):
            w = r.choice(WORDS)
            out.append(f"def {w}_{i}(value: Any, *, strict: bool = False) -> Optional[str]:\n"
                       f"    \"\"\"Return the {w} of value.\"\"\"\n"
                       f"    if value is None:\n        return None\n"
                       f"    return str(value).strip() + {r.randint(0, 9999)!r}.__str__()\n\n\n")
        return "".join(out)

    def _fake_js(self, n):
        r = self.rng
        out = ["'use strict';\n\n"]
        for i in range(n):
            w = r.choice(WORDS)
            out.append(f"function {w}{i}(a, b) {{\n  return a === undefined ? b : a + {i};\n}}\n"
                       f"module.exports.{w}{i} = {w}{i};\n\n")
        return "".join(out)

    def _fake_text(self, n):
        r = self.rng
        return "\n".join(" ".join(r.choice(WORDS) for _ in range(r.randint(5, 14))).capitalize() + "."
                         for _ in range(n)) + "\n"

    def py_body(self, mod):
        return (f'"""{mod}."""\n' + self.rng.choice(self.py_pool)).encode()

    # -- site-packages ------------------------------------------------------------------------
    def module_tree(self, base, top, nfiles, tag, with_pyc=True, ext=0):
        """Create a package directory base/top with about nfiles .py files, nested subpackages,
        __pycache__ directories. Returns [(relpath from base, data-or-None)]."""
        r = self.rng
        files = []

        def fill(reldir, count, depth):
            absdir = os.path.join(base, reldir)
            self.mkdir(absdir)
            here = min(count, r.randint(3, 12)) if depth < 3 else count
            names = ["__init__"] + [f"{r.choice(WORDS)}_{j}" if j % 3 else r.choice(WORDS) + "s"
                                    for j in range(1, here)]
            seen = set()
            pys = []
            for nm in names:
                while nm in seen:
                    nm = nm + "_x"
                seen.add(nm)
                rel = f"{reldir}/{nm}.py"
                data = self.write(os.path.join(base, rel), self.py_body(rel))
                files.append((rel, data))
                pys.append(nm)
            if ext and depth == 0:
                for k in range(ext):
                    rel = f"{reldir}/_{top.lower()}{k}.cpython-{tag}-x86_64-linux-gnu.so"
                    data = self.write(os.path.join(base, rel), r.choice(self.so_pool), 0o755)
                    files.append((rel, data))
            if depth == 0 and r.random() < 0.3:
                rel = f"{reldir}/py.typed"
                files.append((rel, self.write(os.path.join(base, rel), b"")))
            if with_pyc:
                pc = f"{reldir}/__pycache__"
                self.mkdir(os.path.join(base, pc))
                for nm in pys:
                    rel = f"{pc}/{nm}.cpython-{tag}.pyc"
                    self.write(os.path.join(base, rel), r.choice(self.pyc_pool))
                    files.append((rel, None))
            rest = count - here
            while rest > 0:
                sub = min(rest, r.randint(4, 24))
                fill(f"{reldir}/{r.choice(WORDS)}{len(files)}", sub, depth + 1)
                rest -= sub

        fill(top, max(1, nfiles), 0)
        return files

    def install_dist(self, site, env, tag, d, installer="pip", requested=False, direct_url=None,
                     scale=1.0, bindir="bin", shebang=None, egg=False):
        """Install distribution d (catalog dict) into site. Returns the relative paths created."""
        r = self.rng
        name, ver = d["name"], d["version"]
        w = max(1, int(d["w"] * self.wscale * scale * r.uniform(0.7, 1.3)))
        mods = d["mods"]
        files = []
        per = max(1, w // max(1, len(mods)))
        for m in mods:
            if m.endswith(".py"):
                if os.path.exists(os.path.join(site, m)):
                    continue
                data = self.write(os.path.join(site, m), self.py_body(m))
                files.append((m, data))
                pc = os.path.join(site, "__pycache__")
                if not os.path.isdir(pc):
                    self.mkdir(pc)
                rel = f"__pycache__/{m[:-3]}.cpython-{tag}.pyc"
                self.write(os.path.join(site, rel), r.choice(self.pyc_pool))
                files.append((rel, None))
            elif "/" in m and not os.path.exists(os.path.join(site, m)):  # poetry/core
                self.mkdirs(os.path.join(site, os.path.dirname(m)))
                files += self.module_tree(site, m, per, tag, ext=d["ext"])
            elif os.path.isdir(os.path.join(site, m)):  # shared namespace (google, jaraco)
                sub = f"{m}/{wheel_escape(name).lower()}"
                while os.path.exists(os.path.join(site, sub)):
                    sub += "_"
                files += self.module_tree(site, sub, per, tag)
            else:
                files += self.module_tree(site, m, per, tag, ext=d["ext"] * r.randint(1, 4))
        meta = self.metadata(d)
        if egg:
            self.egginfo += 1
            ei = f"{wheel_escape(name)}-{ver}-py{tag[0]}.{tag[1:]}.egg-info"
            self.mkdir(os.path.join(site, ei))
            self.write(os.path.join(site, ei, "PKG-INFO"), meta.replace("2.1", "1.2", 1))
            self.write(os.path.join(site, ei, "SOURCES.txt"),
                       "\n".join(p for p, _ in files if p.endswith(".py")) + "\n")
            self.write(os.path.join(site, ei, "top_level.txt"),
                       "\n".join(m.split("/")[0].removesuffix(".py") for m in mods) + "\n")
            self.write(os.path.join(site, ei, "dependency_links.txt"), "\n")
            if d["deps"]:
                self.write(os.path.join(site, ei, "requires.txt"), "\n".join(d["deps"]) + "\n")
            self.write(os.path.join(site, ei, "installed-files.txt"),
                       "\n".join("../" + p for p, _ in files) + "\n./\nPKG-INFO\nSOURCES.txt\n")
            return [p for p, _ in files] + [ei]
        self.distinfo += 1
        di = f"{wheel_escape(name)}-{ver}.dist-info"
        self.mkdir(os.path.join(site, di))
        info = [("METADATA", meta), ("INSTALLER", installer + "\n"),
                ("WHEEL", "Wheel-Version: 1.0\nGenerator: bdist_wheel (0.41.2)\nRoot-Is-Purelib: %s\n"
                          "Tag: %s\n\n" % ("false" if d["ext"] else "true",
                                           f"cp{tag}-cp{tag}-manylinux_2_17_x86_64" if d["ext"]
                                           else "py3-none-any")),
                ("top_level.txt", "\n".join(m.split("/")[0].removesuffix(".py") for m in mods) + "\n")]
        if r.random() < 0.7:
            info.append(("LICENSE", r.choice(self.text_pool)))
        if d["scripts"]:
            info.append(("entry_points.txt", "[console_scripts]\n" + "".join(
                f"{s} = {mods[0].split('/')[0].removesuffix('.py')}.__main__:main\n"
                for s in d["scripts"])))
        if requested:
            info.append(("REQUESTED", ""))
        if direct_url:
            info.append(("direct_url.json", json.dumps(direct_url)))
        for fn, text in info:
            data = self.write(os.path.join(site, di, fn), text)
            files.append((f"{di}/{fn}", data))
        if d["scripts"] and env and shebang:
            for s in d["scripts"]:
                body = (shebang + "# -*- coding: utf-8 -*-\nimport re\nimport sys\n"
                        f"from {mods[0].split('/')[0].removesuffix('.py')}.__main__ import main\n"
                        "if __name__ == '__main__':\n"
                        "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
                        "    sys.exit(main())\n")
                p = os.path.join(env, bindir, s)
                if os.path.lexists(p):
                    continue
                data = self.write(p, body, 0o755)
                files.append((os.path.relpath(p, site), data))
        lines = []
        for rel, data in files:
            if data is None:
                lines.append(f"{rel},,")
            else:
                lines.append(f"{rel},{b64hash(data)},{len(data)}")
        lines.append(f"{di}/RECORD,,")
        self.write(os.path.join(site, di, "RECORD"), "\n".join(lines) + "\n")
        return [p for p, _ in files] + [f"{di}/RECORD"]

    def metadata(self, d):
        r = self.rng
        name = d["name"]
        summ = SUMMARIES.get(name) or f"{name}: a {r.choice(WORDS)} {r.choice(['library', 'toolkit', 'framework', 'utility'])} for Python"
        lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {d['version']}",
                 f"Summary: {summ}", f"Home-page: https://github.com/{norm(name)}/{norm(name)}",
                 f"Author: {r.choice(WORDS).capitalize()} {r.choice(WORDS).capitalize()}",
                 f"Author-email: {r.choice(WORDS)}@example.org",
                 f"License: {r.choice(['MIT', 'BSD-3-Clause', 'Apache-2.0', 'PSF-2.0'])}",
                 "Classifier: Programming Language :: Python :: 3",
                 "Classifier: Operating System :: OS Independent",
                 "Requires-Python: >=3.8", "Description-Content-Type: text/markdown",
                 "License-File: LICENSE"]
        for dep in d["deps"]:
            lines.append(f"Requires-Dist: {dep}")
        if r.random() < 0.4:
            lines.append("Provides-Extra: test")
            lines.append("Requires-Dist: pytest>=7; extra == 'test'")
        return "\n".join(lines) + f"\n\n# {name}\n\n{summ}\n\n" + r.choice(self.text_pool)

    def synthetic(self):
        r = self.rng
        a, b = r.choice(WORDS), r.choice(WORDS)
        name = r.choice([f"{a}-{b}", f"py{a}", f"{a}{b}", f"django-{a}", f"pytest-{a}",
                         f"types-{a}", f"{a}_{b}", f"flask-{a}"])
        deps = [self.catalog[k]["name"] for k in r.sample(self.catalog_keys, r.randint(0, 3))]
        return dict(name=name, version=f"{r.randint(0, 5)}.{r.randint(0, 30)}.{r.randint(0, 12)}",
                    mods=[name.replace("-", "_")], w=r.choice([1, 2, 3, 5, 8, 12, 20, 40]),
                    deps=deps, scripts=[], ext=int(r.random() < 0.05))

    def closure(self, names):
        out = {}
        todo = list(names)
        while todo:
            k = norm(todo.pop(0))
            if k in out or k not in self.catalog:
                continue
            out[k] = self.catalog[k]
            for dep in self.catalog[k]["deps"]:
                m = re.match(r"[A-Za-z0-9._-]+", dep)
                if m:
                    todo.append(m.group(0))
        return out

    PROFILES = {
        "web": ["Django", "requests", "gunicorn", "psycopg2-binary", "redis", "celery", "pytest",
                "python-dotenv", "PyJWT"],
        "flask": ["Flask", "SQLAlchemy", "alembic", "requests", "pytest", "python-dotenv", "gunicorn"],
        "api": ["fastapi", "uvicorn", "pydantic", "httpx", "SQLAlchemy", "pytest", "python-dotenv"],
        "data": ["numpy", "pandas", "matplotlib", "scipy", "scikit-learn", "ipython", "ipykernel",
                 "jupyter_client", "openpyxl", "pyarrow", "tqdm"],
        "tools": ["black", "ruff", "mypy", "pytest", "flake8", "isort", "coverage", "tox", "pre-commit"],
        "cli": ["click", "rich", "requests", "PyYAML", "tomli", "pytest"],
        "aws": ["boto3", "requests", "PyYAML", "click", "pytest"],
        "docs": ["Sphinx", "Markdown", "beautifulsoup4", "lxml"],
        "sci": ["numpy", "sympy", "networkx", "matplotlib", "ipython"],
    }

    def choose_dists(self, npk, profile=None, base=("pip", "setuptools")):
        r = self.rng
        prof = profile or r.choice(list(self.PROFILES))
        want = list(base) + self.PROFILES[prof][:max(1, npk // 3)]
        chosen = self.closure(want)
        while len(chosen) < npk:
            if r.random() < 0.55:
                k = r.choice(self.catalog_keys)
                for kk, dd in self.closure([self.catalog[k]["name"]]).items():
                    chosen.setdefault(kk, dd)
            else:
                s = self.synthetic()
                chosen.setdefault(norm(s["name"]), s)
        items = list(chosen.values())
        # pip/setuptools first, then the profile's, then trim extras beyond npk (keep deps of pip)
        return items[:max(npk, len(base))], set(norm(x) for x in self.PROFILES[prof])

    # -- environments -------------------------------------------------------------------------
    def interp(self, version, prefix, exists=True, exe_name=None):
        mm = ".".join(version.split(".")[:2])
        return dict(version=version, mm=mm, prefix=prefix, home=f"{prefix}/bin",
                    exe=f"{prefix}/bin/{exe_name or 'python' + mm}", exists=exists)

    def activate_scripts(self, env, style, prompt):
        b = os.path.join(env, "bin")
        act = (f"# This file must be used with \"source bin/activate\" *from bash*\n"
               f"deactivate () {{\n    if [ -n \"${{_OLD_VIRTUAL_PATH:-}}\" ] ; then\n"
               f"        PATH=\"${{_OLD_VIRTUAL_PATH:-}}\"\n        export PATH\n    fi\n}}\n"
               f"deactivate nondestructive\nVIRTUAL_ENV=\"{env}\"\nexport VIRTUAL_ENV\n"
               f"_OLD_VIRTUAL_PATH=\"$PATH\"\nPATH=\"$VIRTUAL_ENV/bin:$PATH\"\nexport PATH\n"
               f"PS1=\"({prompt}) ${{PS1:-}}\"\nexport PS1\nhash -r 2> /dev/null\n")
        self.write(f"{b}/activate", act)
        self.write(f"{b}/activate.csh", f"setenv VIRTUAL_ENV \"{env}\"\nset _OLD_VIRTUAL_PATH=\"$PATH\"\n")
        self.write(f"{b}/activate.fish", f"set -gx VIRTUAL_ENV \"{env}\"\n")
        if style == "venv":
            self.write(f"{b}/Activate.ps1", f"$VenvDir = \"{env}\"\n" + self.text_pool[0])
        else:
            self.write(f"{b}/activate.ps1", f"$env:VIRTUAL_ENV = \"{env}\"\n")
            self.write(f"{b}/activate.nu", f"let virtual_env = '{env}'\n")
            self.write(f"{b}/activate_this.py", "import os, site, sys\n" + self.py_pool[0][:400])
        if style == "uv":
            for f in ("activate.bat", "deactivate.bat", "pydoc.bat"):
                self.write(f"{b}/{f}", "@echo off\r\n")

    def shebang_for(self, exe):
        line = f"#!{exe}\n"
        if len(line) > 128:  # pip's trick for paths the kernel would truncate
            return f"#!/bin/sh\n'''exec' \"{exe}\" \"$0\" \"$@\"\n' '''\n"
        return line

    def make_venv(self, env, style, ip, npk, manager=None, project=None, profile=None,
                  prompt=None, category="env_other", scale=1.0, status="ok", extra_dists=(),
                  stale=(), creator=None, base=None):
        """A PEP 405 environment. style: venv | virtualenv | uv."""
        r = self.rng
        start = self.n
        self.mkdirs(os.path.dirname(env))
        self.mkdir(env)
        mm = ip["mm"]
        tag = mm.replace(".", "")
        name = prompt or os.path.basename(env)
        if style == "venv":
            cfg = (f"home = {ip['home']}\ninclude-system-site-packages = false\n"
                   f"version = {ip['version']}\nexecutable = {ip['exe']}\n"
                   f"command = {ip['home']}/python3 -m venv {env}\n")
            if prompt:
                cfg = cfg.replace("version =", f"prompt = '{prompt}'\nversion =")
        elif style == "virtualenv":
            cfg = (f"home = {ip['home']}\nimplementation = CPython\n"
                   f"version_info = {ip['version']}.final.0\nvirtualenv = 20.17.1\n"
                   f"include-system-site-packages = false\nbase-prefix = {ip['prefix']}\n"
                   f"base-exec-prefix = {ip['prefix']}\nbase-executable = {ip['exe']}\n")
            if prompt:
                cfg += f"prompt = {prompt}\n"
        else:
            cfg = (f"home = {ip['home']}\nimplementation = CPython\nuv = 0.4.0\n"
                   f"version_info = {ip['version']}\ninclude-system-site-packages = false\n"
                   f"prompt = {name}\n")
        self.write(f"{env}/pyvenv.cfg", cfg)
        self.mkdir(f"{env}/bin")
        self.activate_scripts(env, style, name)
        if style == "venv":
            self.symlink(ip["exe"].replace("python" + mm, "python3"), f"{env}/bin/python3")
            self.symlink("python3", f"{env}/bin/python")
            self.symlink("python3", f"{env}/bin/python{mm}")
            self.mkdir(f"{env}/include")
        else:
            self.symlink(ip["exe"], f"{env}/bin/python")
            self.symlink("python", f"{env}/bin/python3")
            self.symlink("python", f"{env}/bin/python{mm}")
            self.write(f"{env}/.gitignore", "# created by %s automatically\n*\n" % style)
            if style == "uv":
                self.write(f"{env}/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n")
        self.mkdir(f"{env}/lib")
        self.mkdir(f"{env}/lib/python{mm}")
        site = f"{env}/lib/python{mm}/site-packages"
        self.mkdir(site)
        if style == "venv":
            self.symlink("lib", f"{env}/lib64")
        else:
            self.write(f"{site}/_virtualenv.pth", "import _virtualenv")
            self.write(f"{site}/_virtualenv.py", self.py_pool[1])
        installer = {"venv": "pip", "virtualenv": "pip", "uv": "uv"}[style]
        if manager == "poetry":
            installer = "poetry"
        if base is None:
            base = () if style == "uv" else ("pip", "setuptools", "wheel") if style == "virtualenv" \
                else ("pip", "setuptools")
        dists, requested = self.choose_dists(npk, profile, base)
        shebang = self.shebang_for(f"{env}/bin/python")
        count = 0
        for d in dists:
            egg = d["name"] not in ("pip", "setuptools", "wheel") and r.random() < 0.01
            du = None
            if r.random() < 0.02 and not egg:
                du = {"url": f"https://github.com/{norm(d['name'])}/{norm(d['name'])}.git",
                      "vcs_info": {"vcs": "git", "commit_id": "%040x" % r.getrandbits(160)}}
            self.install_dist(site, env, tag, d, installer if d["name"] not in base else "pip",
                              requested=norm(d["name"]) in requested, direct_url=du, scale=scale,
                              shebang=shebang, egg=egg)
            if style == "virtualenv" and d["name"] in base:
                self.write(f"{site}/{d['name']}-{d['version']}.virtualenv", "")
            count += 1
        for d, du in extra_dists:
            self.install_dist(site, env, tag, d, installer, requested=True, direct_url=du,
                              shebang=shebang)
            count += 1
        if project and any(du and du.get("dir_info", {}).get("editable") for _, du in extra_dists):
            self.write(f"{site}/__editable__.{wheel_escape(extra_dists[0][0]['name'])}-"
                       f"{extra_dists[0][0]['version']}.pth", f"{project}/src\n")
        stale = list(stale)
        if not ip["exists"]:
            stale.append("interpreter-missing")
        self.envs.append(dict(path=env, kind="venv", creator=creator or style, manager=manager,
                              python=ip["version"], status="ok" if ip["exists"] else "broken",
                              packages=count, project=project, stale=stale))
        self.cat[category] += self.n - start
        self.env_entries += self.n - start
        return site

    def stdlib(self, libdir, tag, npy):
        """A CPython stdlib of about npy .py files with two .pyc levels each."""
        r = self.rng
        made = 0
        pc = f"{libdir}/__pycache__"
        self.mkdir(pc)
        for m in STDLIB_TOP:
            if made >= npy:
                break
            self.write(f"{libdir}/{m}.py", self.py_body(m))
            self.write(f"{pc}/{m}.cpython-{tag}.pyc", r.choice(self.pyc_pool))
            self.write(f"{pc}/{m}.cpython-{tag}.opt-1.pyc", r.choice(self.pyc_pool))
            made += 1
        if not os.path.exists(f"{libdir}/os.py"):
            self.write(f"{libdir}/os.py", self.py_body("os"))
            made += 1
        pkgs = STDLIB_PKGS
        i = 0
        while made < npy:
            p = pkgs[i % len(pkgs)]
            d = f"{libdir}/{p}"
            if not os.path.isdir(d):
                self.mkdirs(d)
                self.mkdir(f"{d}/__pycache__")
                names = ["__init__"]
            else:
                names = []
            names += [f"{'test_' if p.startswith('test') else ''}{r.choice(WORDS)}{i}_{j}"
                      for j in range(r.randint(3, 20))]
            for nm in names:
                self.write(f"{d}/{nm}.py", self.py_body(nm))
                self.write(f"{d}/__pycache__/{nm}.cpython-{tag}.pyc", r.choice(self.pyc_pool))
                made += 1
            i += 1
        dyn = f"{libdir}/lib-dynload"
        self.mkdir(dyn)
        for m in ("_asyncio _bz2 _ctypes _curses _datetime _decimal _hashlib _json _lzma _pickle "
                  "_sqlite3 _ssl _struct array binascii math mmap readline select unicodedata "
                  "zlib").split():
            self.write(f"{dyn}/{m}.cpython-{tag}-x86_64-linux-gnu.so", r.choice(self.so_pool), 0o755)
        self.mkdir(f"{libdir}/config-{tag[0]}.{tag[1:]}-x86_64-linux-gnu")
        self.write(f"{libdir}/config-{tag[0]}.{tag[1:]}-x86_64-linux-gnu/Makefile", self.text_pool[2])

    def make_interpreter(self, prefix, version, npy, manager, kind_extra=None, pip=True):
        """A base installation (pyenv version, uv python, conda base skeleton)."""
        start = self.n
        mm = ".".join(version.split(".")[:2])
        tag = mm.replace(".", "")
        self.mkdirs(prefix)
        self.mkdir(f"{prefix}/bin")
        self.write(f"{prefix}/bin/python{mm}", b"\x7fELF\x02\x01\x01" + bytes(9) + self.so_pool[0],
                   0o755)
        self.symlink(f"python{mm}", f"{prefix}/bin/python3")
        self.symlink(f"python{mm}", f"{prefix}/bin/python")
        self.write(f"{prefix}/bin/python{mm}-config", "#!/bin/sh\necho\n", 0o755)
        self.symlink(f"python{mm}-config", f"{prefix}/bin/python3-config")
        for t in ("pydoc3", "idle3", "2to3"):
            self.write(f"{prefix}/bin/{t}", f"#!{prefix}/bin/python{mm}\nimport sys\n", 0o755)
        self.mkdirs(f"{prefix}/include/python{mm}")
        self.write(f"{prefix}/include/python{mm}/patchlevel.h",
                   "/* Python version identification scheme. */\n"
                   f"#define PY_MAJOR_VERSION        {version.split('.')[0]}\n"
                   f"#define PY_MINOR_VERSION        {version.split('.')[1]}\n"
                   f"#define PY_MICRO_VERSION        {version.split('.')[2]}\n"
                   "#define PY_RELEASE_LEVEL        PY_RELEASE_LEVEL_FINAL\n"
                   "#define PY_RELEASE_SERIAL       0\n\n"
                   f"#define PY_VERSION              \"{version}\"\n")
        for h in ("Python.h", "object.h", "pyconfig.h", "abstract.h", "pyport.h"):
            self.write(f"{prefix}/include/python{mm}/{h}", self.text_pool[3])
        self.mkdir(f"{prefix}/lib")
        self.write(f"{prefix}/lib/libpython{mm}.so.1.0", self.so_pool[1], 0o755)
        self.symlink(f"libpython{mm}.so.1.0", f"{prefix}/lib/libpython{mm}.so")
        self.mkdir(f"{prefix}/lib/pkgconfig")
        self.write(f"{prefix}/lib/pkgconfig/python-{mm}.pc", f"Version: {mm}\n")
        libdir = f"{prefix}/lib/python{mm}"
        self.mkdir(libdir)
        self.stdlib(libdir, tag, npy)
        site = f"{libdir}/site-packages"
        self.mkdir(site)
        self.write(f"{site}/README.txt", "This directory exists so that 3rd party packages can be "
                                         "installed here.  Read the source for site.py for more "
                                         "details.\n")
        shebang = self.shebang_for(f"{prefix}/bin/python{mm}")
        n = 0
        for k in (("pip", "setuptools") if pip else ()):
            self.install_dist(site, prefix, tag, self.catalog[k], "pip", scale=0.6, shebang=shebang)
            n += 1
        for k in (kind_extra or []):
            self.install_dist(site, prefix, tag, self.catalog[norm(k)], "pip", requested=True,
                              shebang=shebang)
            n += 1
        self.mkdirs(f"{prefix}/share/man/man1")
        self.write(f"{prefix}/share/man/man1/python{mm}.1", self.text_pool[4])
        self.envs.append(dict(path=prefix, kind="interpreter", creator=None, manager=manager,
                              python=version, status="ok", packages=n, project=None, stale=[]))
        self.cat["env_other"] += self.n - start
        self.env_entries += self.n - start
        return dict(version=version, mm=mm, prefix=prefix, home=f"{prefix}/bin",
                    exe=f"{prefix}/bin/python{mm}", exists=True)

    # -- conda ----------------------------------------------------------------------------------
    def conda_env(self, prefix, pyver, profile, npk, base=False, name="base", scale=1.0):
        r = self.rng
        start = self.n
        mm = ".".join(pyver.split(".")[:2])
        tag = mm.replace(".", "")
        if base:
            self.make_interpreter(prefix, pyver, max(40, int(npk * 4 * scale)), "conda", pip=False)
            self.envs.pop()  # re-added below as conda
            self.cat["env_other"] -= self.n - start
            self.env_entries -= self.n - start
        else:
            self.mkdirs(prefix)
            self.mkdir(f"{prefix}/bin")
            self.write(f"{prefix}/bin/python{mm}", self.so_pool[0], 0o755)
            self.symlink(f"python{mm}", f"{prefix}/bin/python")
            self.symlink(f"python{mm}", f"{prefix}/bin/python3")
            self.mkdirs(f"{prefix}/include/python{mm}")
            self.write(f"{prefix}/include/python{mm}/patchlevel.h",
                       f"#define PY_VERSION              \"{pyver}\"\n")
            self.mkdirs(f"{prefix}/lib/python{mm}/site-packages")
            self.stdlib(f"{prefix}/lib/python{mm}", tag, max(30, int(npk * 2 * scale)))
        site = f"{prefix}/lib/python{mm}/site-packages"
        self.mkdirs(f"{prefix}/conda-meta")
        self.mkdirs(f"{prefix}/etc/conda/activate.d")
        records = []
        for (nm, ver, build, deps) in CONDA_NATIVE:
            files = []
            for k in range(r.randint(1, 6)):
                stem = nm.strip("_").replace("-", "_").removesuffix("_ng")
                rel = f"lib/{'' if stem.startswith('lib') else 'lib'}{stem}{k}.so.{ver.split('.')[0]}"
                self.write(f"{prefix}/{rel}", r.choice(self.so_pool), 0o755)
                files.append(rel)
            records.append((nm, ver, build, deps, files))
        files = [f"bin/python{mm}", "bin/python", "bin/python3", f"include/python{mm}/patchlevel.h"]
        records.append(("python", pyver, CONDA_PY_BUILD.get(mm, "h955ad1f_0"),
                        ["bzip2 >=1.0.8,<2.0a0", "ld_impl_linux-64 >=2.35.1", "libffi >=3.4,<4.0a0",
                         "libgcc-ng >=11.2.0", "libuuid >=1.41.5,<2.0a0", "ncurses >=6.4,<7.0a0",
                         "openssl >=3.0.12,<4.0a0", "readline >=8.1.2,<9.0a0",
                         "sqlite >=3.41.2,<4.0a0", "tk >=8.6.12,<8.7.0a0", "tzdata",
                         "xz >=5.4.2,<6.0a0", "zlib >=1.2.13,<1.3.0a0"], files))
        want = ["pip", "setuptools", "wheel"] + (
            ["requests", "cryptography", "tqdm", "packaging", "pluggy", "platformdirs", "PySocks",
             "ruamel.yaml", "zstandard"] if base else self.PROFILES[profile])
        dists = list(self.closure(want).values())
        extra = {"conda": ("23.10.0", "conda conda_env", 120), "conda-package-handling":
                 ("2.2.0", "conda_package_handling", 14), "ruamel.yaml": ("0.17.21", "ruamel", 20),
                 "pycosat": ("0.6.6", "pycosat", 1), "zstandard": ("0.19.0", "zstandard", 4),
                 "conda-libmamba-solver": ("23.11.1", "conda_libmamba_solver", 12)}
        if base:
            for k, (v, mods, w) in extra.items():
                dists.append(dict(name=k, version=v, mods=mods.split(), w=w, deps=[],
                                  scripts=[], ext=0))
        while len(dists) < npk:
            d = self.catalog[r.choice(self.catalog_keys)]
            if d not in dists:
                dists.append(d)
        shebang = self.shebang_for(f"{prefix}/bin/python{mm}")
        for d in dists:
            rel = self.install_dist(site, prefix, tag, d, "conda", scale=scale, shebang=shebang)
            files = [os.path.normpath(f"lib/python{mm}/site-packages/{p}") for p in rel]
            build = f"py{tag}h06a4308_0"
            records.append((d["name"].lower() if "." in d["name"] else norm(d["name"]),
                            d["version"], build,
                            [f"python >={mm},<{mm[0]}.{int(mm[2:]) + 1}.0a0"], files))
        for (nm, ver, build, deps, files) in records:
            fn = f"{nm}-{ver}-{build}"
            sub = "noarch" if build.endswith("_0") and nm in ("tzdata", "ca-certificates") else "linux-64"
            rec = {"build": build, "build_number": int(re.search(r"(\d*)$", build).group(1) or 0),
                   "channel": f"https://repo.anaconda.com/pkgs/main/{sub}",
                   "constrains": [], "depends": deps,
                   "extracted_package_dir": f"{self.root}/miniconda3/pkgs/{fn}",
                   "features": "", "files": files, "fn": f"{fn}.conda",
                   "legacy_bz2_md5": "%032x" % r.getrandbits(128),
                   "license": r.choice(["BSD-3-Clause", "MIT", "Apache-2.0", "LGPL-2.1-or-later"]),
                   "md5": "%032x" % r.getrandbits(128), "name": nm,
                   "package_tarball_full_path": f"{self.root}/miniconda3/pkgs/{fn}.conda",
                   "paths_data": {"paths": [{"_path": f, "path_type": "hardlink",
                                             "sha256": "%064x" % r.getrandbits(256),
                                             "size_in_bytes": r.randint(100, 90000)}
                                            for f in files[:50]], "paths_version": 1},
                   "requested_spec": "", "sha256": "%064x" % r.getrandbits(256),
                   "size": r.randint(5000, 30000000), "subdir": sub,
                   "timestamp": 1690000000000 + r.randint(0, 10 ** 10),
                   "url": f"https://repo.anaconda.com/pkgs/main/{sub}/{fn}.conda",
                   "version": ver}
            self.write(f"{prefix}/conda-meta/{fn}.json", json.dumps(rec, indent=2))
        hist = [f"==> 2023-11-{r.randint(10, 28)} 1{r.randint(0, 9)}:0{r.randint(0, 9)}:12 <==",
                f"# cmd: {self.root}/miniconda3/bin/conda " +
                ("install -y --prefix" if base else f"create -n {name} python={mm}") + f" {prefix}",
                "# conda version: 23.10.0"]
        hist += [f"+defaults/linux-64::{nm}-{ver}-{build}" for (nm, ver, build, _, _) in records]
        hist.append(f"# update specs: ['python={mm}']")
        self.write(f"{prefix}/conda-meta/history", "\n".join(hist) + "\n")
        self.envs.append(dict(path=prefix, kind="conda", creator="conda", manager="conda",
                              python=pyver, status="ok", packages=len(records), project=None,
                              stale=[]))
        self.cat["env_other"] += self.n - start
        self.env_entries += self.n - start
        return records

    def conda(self, budget):
        r = self.rng
        start = self.n
        e0, c0 = self.env_entries, self.cat["env_other"]
        root = f"{self.root}/miniconda3"
        recs = self.conda_env(root, "3.11.5", None, 40, base=True, scale=max(0.3, min(1.0, budget / 40000)))
        for f in ("conda", "conda-env", "activate", "deactivate"):
            self.write(f"{root}/bin/{f}", f"#!{root}/bin/python\nimport sys\n", 0o755)
        self.mkdir(f"{root}/condabin")
        self.write(f"{root}/condabin/conda", "#!/bin/sh\n", 0o755)
        self.mkdirs(f"{root}/etc/profile.d")
        self.write(f"{root}/etc/profile.d/conda.sh", f"export CONDA_EXE='{root}/bin/conda'\n")
        self.mkdir(f"{root}/envs")
        self.write(f"{root}/envs/.conda_envs_dir_test", "")
        names = [("ds", "3.10.13", "data"), ("ml", "3.11.5", "sci"), ("py38", "3.8.18", "cli"),
                 ("web", "3.12.0", "api"), ("docs", "3.11.5", "docs")]
        envs = [root]
        i = 0
        while i < len(names) and (self.n - start) < budget * 0.75:
            nm, v, prof = names[i]
            recs += self.conda_env(f"{root}/envs/{nm}", v, prof, r.randint(20, 80), name=nm,
                                   scale=max(0.3, min(1.0, budget / 40000)))
            envs.append(f"{root}/envs/{nm}")
            i += 1
        # the package cache: info/ and a .conda archive per package
        pk = f"{root}/pkgs"
        self.mkdir(pk)
        self.mkdir(f"{pk}/cache")
        seen = set()
        urls = []
        for (nm, ver, build, deps, files) in recs:
            fn = f"{nm}-{ver}-{build}"
            if fn in seen:
                continue
            seen.add(fn)
            self.mkdir(f"{pk}/{fn}")
            self.mkdir(f"{pk}/{fn}/info")
            self.write(f"{pk}/{fn}/info/index.json", json.dumps(
                {"name": nm, "version": ver, "build": build, "depends": deps}))
            self.write(f"{pk}/{fn}/info/paths.json", json.dumps({"paths": files[:40]}))
            self.write(f"{pk}/{fn}/info/repodata_record.json", json.dumps({"fn": fn + ".conda"}))
            self.write(f"{pk}/{fn}.conda", r.choice(self.so_pool))
            urls.append(f"https://repo.anaconda.com/pkgs/main/linux-64/{fn}.conda")
        self.write(f"{pk}/urls.txt", "\n".join(urls) + "\n")
        self.write(f"{pk}/urls", "")
        # everything under miniconda3 is inside the base environment
        self.env_entries = e0 + (self.n - start)
        self.cat["env_other"] = c0 + (self.n - start)
        self.mkdirs(f"{self.root}/.conda")
        self.write(f"{self.root}/.conda/environments.txt", "\n".join(envs) + "\n")
        self.write(f"{self.root}/.condarc", "channels:\n  - defaults\nauto_activate_base: false\n")

    # -- pyenv, uv python -------------------------------------------------------------------------
    def pyenv(self, budget):
        start = self.n
        pv = f"{self.root}/.pyenv"
        self.mkdirs(f"{pv}/versions")
        for d in ("bin", "libexec", "plugins/python-build/bin", "plugins/pyenv-virtualenv/bin",
                  "shims", "completions"):
            self.mkdirs(f"{pv}/{d}")
        self.write(f"{pv}/bin/pyenv", "#!/usr/bin/env bash\n", 0o755)
        for t in ("pyenv---version", "pyenv-commands", "pyenv-exec", "pyenv-global", "pyenv-local",
                  "pyenv-prefix", "pyenv-rehash", "pyenv-shims", "pyenv-version", "pyenv-which"):
            self.write(f"{pv}/libexec/{t}", "#!/usr/bin/env bash\nset -e\n", 0o755)
        self.write(f"{pv}/plugins/python-build/bin/python-build", "#!/usr/bin/env bash\n", 0o755)
        self.write(f"{pv}/plugins/pyenv-virtualenv/bin/pyenv-virtualenv", "#!/usr/bin/env bash\n",
                   0o755)
        for s in ("python", "python3", "python3.10", "python3.11", "python3.12", "pip", "pip3",
                  "pydoc", "black", "ipython"):
            self.write(f"{pv}/shims/{s}", "#!/usr/bin/env bash\nset -e\n"
                       f"export PYENV_ROOT=\"{pv}\"\nexec \"{pv}/libexec/pyenv\" exec \"$program\" "
                       "\"$@\"\n", 0o755)
        self.write(f"{pv}/version", "3.11.7\n")
        overhead = self.n - start
        interps = {}
        per = max(400, (budget - overhead) * 0.9 / 3)
        for v in ("3.10.13", "3.11.7", "3.12.1"):
            npy = max(30, int((per - 900) / 3.05))
            interps[v] = self.make_interpreter(f"{pv}/versions/{v}", v, npy, "pyenv")
        # pyenv-virtualenv: versions/3.11.7/envs/tools + versions/tools -> it
        ip = interps["3.11.7"]
        env = f"{pv}/versions/3.11.7/envs/tools"
        self.make_venv(env, "venv", ip, 25, manager="pyenv-virtualenv", profile="tools",
                       prompt="tools", scale=0.5)
        self.symlink(env, f"{pv}/versions/tools")
        # the outer interpreter now contains the env: count once
        return interps

    def uv_python(self, budget):
        base = f"{self.root}/.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu"
        ip = self.make_interpreter(base, "3.12.1", max(30, int((budget - 900) / 3.05)), "uv")
        self.envs[-1]["creator"] = "uv"
        self.write(f"{self.root}/.local/share/uv/python/.lock", "")
        self.write(f"{self.root}/.local/share/uv/python/.gitignore", "*\n")
        return ip

    # -- projects ----------------------------------------------------------------------------------
    def git(self, proj, nobj):
        r = self.rng
        g = f"{proj}/.git"
        self.mkdir(g)
        self.write(f"{g}/HEAD", "ref: refs/heads/main\n")
        self.write(f"{g}/config", "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n"
                   "\tbare = false\n[remote \"origin\"]\n\turl = git@github.com:me/"
                   f"{os.path.basename(proj)}.git\n")
        self.write(f"{g}/description", "Unnamed repository; edit this file 'description' to name "
                   "the repository.\n")
        self.write(f"{g}/index", r.randbytes(r.randint(200, 3000)))
        self.write(f"{g}/packed-refs", "# pack-refs with: peeled fully-peeled sorted\n")
        self.write(f"{g}/ORIG_HEAD", "%040x\n" % r.getrandbits(160))
        self.write(f"{g}/FETCH_HEAD", "%040x\t\tbranch 'main'\n" % r.getrandbits(160))
        self.write(f"{g}/COMMIT_EDITMSG", "Fix things\n")
        self.mkdir(f"{g}/hooks")
        for h in ("applypatch-msg", "commit-msg", "fsmonitor-watchman", "post-update",
                  "pre-applypatch", "pre-commit", "pre-merge-commit", "pre-push", "pre-rebase",
                  "pre-receive", "prepare-commit-msg", "push-to-checkout", "update"):
            self.write(f"{g}/hooks/{h}.sample", "#!/bin/sh\nexit 0\n", 0o755)
        self.mkdir(f"{g}/info")
        self.write(f"{g}/info/exclude", "# git ls-files --others --exclude-from=.git/info/exclude\n")
        self.mkdirs(f"{g}/logs/refs/heads")
        self.write(f"{g}/logs/HEAD", "0" * 40 + " %040x me <me@example.org> 1700000000 +0100\tclone\n"
                   % r.getrandbits(160))
        self.write(f"{g}/logs/refs/heads/main", "0" * 40 + "\n")
        self.mkdirs(f"{g}/refs/heads")
        self.mkdirs(f"{g}/refs/tags")
        self.mkdirs(f"{g}/refs/remotes/origin")
        self.write(f"{g}/refs/heads/main", "%040x\n" % r.getrandbits(160))
        self.write(f"{g}/refs/remotes/origin/HEAD", "ref: refs/remotes/origin/main\n")
        o = f"{g}/objects"
        self.mkdir(o)
        self.mkdir(f"{o}/info")
        self.mkdir(f"{o}/pack")
        if r.random() < 0.7:
            h = "%040x" % r.getrandbits(160)
            self.write(f"{o}/pack/pack-{h}.idx", r.randbytes(1000))
            self.write(f"{o}/pack/pack-{h}.pack", r.randbytes(3000))
        made = set()
        for _ in range(nobj):
            h = r.getrandbits(160)
            fan = "%02x" % (h >> 152)
            if fan not in made:
                self.mkdir(f"{o}/{fan}")
                made.add(fan)
            self.write(f"{o}/{fan}/{h & ((1 << 152) - 1):038x}", b"x\x01" + r.randbytes(r.randint(20, 400)))

    def node_modules(self, base, budget):
        r = self.rng
        nm = f"{base}/node_modules"
        self.mkdir(nm)
        self.mkdir(f"{nm}/.bin")
        self.write(f"{nm}/.package-lock.json", '{"lockfileVersion": 3}\n')
        start = self.n
        i = 0

        def pkg(parent, depth):
            nonlocal i
            i += 1
            name = f"{r.choice(WORDS)}-{r.choice(WORDS)}{i}"
            if r.random() < 0.15:
                scope = f"{parent}/@{r.choice(WORDS)}"
                if not os.path.isdir(scope):
                    self.mkdir(scope)
                d = f"{scope}/{name}"
            else:
                d = f"{parent}/{name}"
            self.mkdir(d)
            self.write(f"{d}/package.json", json.dumps({"name": name, "version": "1.%d.0" % i,
                                                        "main": "index.js", "license": "MIT"}))
            self.write(f"{d}/index.js", r.choice(self.js_pool))
            self.write(f"{d}/README.md", r.choice(self.text_pool))
            if r.random() < 0.7:
                self.write(f"{d}/LICENSE", self.text_pool[5])
            for sub in r.sample(["lib", "dist", "src", "types"], r.randint(0, 3)):
                self.mkdir(f"{d}/{sub}")
                for k in range(r.randint(1, 12)):
                    ext = ".d.ts" if sub == "types" else ".js"
                    self.write(f"{d}/{sub}/{r.choice(WORDS)}{k}{ext}", r.choice(self.js_pool))
            if depth < 3 and r.random() < 0.12:
                self.mkdir(f"{d}/node_modules")
                for _ in range(r.randint(1, 4)):
                    pkg(f"{d}/node_modules", depth + 1)

        while self.n - start < budget:
            pkg(nm, 0)
            if r.random() < 0.1:
                self.symlink(f"../{os.path.basename(base)}", f"{nm}/.bin/tool{i}")

    def source_tree(self, proj, pkg, nfiles):
        r = self.rng
        self.mkdirs(f"{proj}/src")
        self.module_tree(f"{proj}/src", pkg, nfiles, "311", with_pyc=r.random() < 0.8)
        self.mkdir(f"{proj}/tests")
        self.write(f"{proj}/tests/__init__.py", "")
        self.write(f"{proj}/tests/conftest.py", self.py_body("conftest"))
        nt = max(1, nfiles // 4)
        self.mkdir(f"{proj}/tests/__pycache__")
        for k in range(nt):
            nm = f"test_{r.choice(WORDS)}_{k}"
            self.write(f"{proj}/tests/{nm}.py", self.py_body(nm))
            self.write(f"{proj}/tests/__pycache__/{nm}.cpython-311-pytest-7.4.3.pyc",
                       r.choice(self.pyc_pool))
        self.mkdir(f"{proj}/docs")
        self.write(f"{proj}/docs/conf.py", self.py_body("conf"))
        self.write(f"{proj}/docs/Makefile", "SPHINXBUILD ?= sphinx-build\n")
        for k in range(max(1, nfiles // 10)):
            self.write(f"{proj}/docs/{r.choice(WORDS)}{k}.rst", r.choice(self.text_pool))
        self.mkdir(f"{proj}/docs/_static")
        self.write(f"{proj}/docs/_static/custom.css", "body { margin: 0 }\n")
        for f in ("README.md", "LICENSE", "CHANGELOG.md"):
            self.write(f"{proj}/{f}", r.choice(self.text_pool))
        self.write(f"{proj}/.gitignore", "__pycache__/\n*.pyc\n.venv/\nvenv/\nnode_modules/\n")
        self.mkdirs(f"{proj}/.github/workflows")
        self.write(f"{proj}/.github/workflows/ci.yml", "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n")
        if r.random() < 0.5:
            pc = f"{proj}/.pytest_cache"
            self.mkdirs(f"{pc}/v/cache")
            for f in ("README.md", "CACHEDIR.TAG", ".gitignore", "v/cache/nodeids",
                      "v/cache/lastfailed", "v/cache/stepwise"):
                self.write(f"{pc}/{f}", "[]\n")
        if r.random() < 0.35:
            mc = f"{proj}/.mypy_cache/3.11/{pkg}"
            self.mkdirs(mc)
            for k in range(max(1, nfiles // 2)):
                self.write(f"{mc}/{r.choice(WORDS)}{k}.data.json", "{}")
                self.write(f"{mc}/{r.choice(WORDS)}{k}.meta.json", "{}")
        if r.random() < 0.2:
            self.mkdir(f"{proj}/dist")
            self.write(f"{proj}/dist/{pkg}-0.1.0-py3-none-any.whl", r.randbytes(2000))
            self.write(f"{proj}/dist/{pkg}-0.1.0.tar.gz", r.randbytes(2000))
        if r.random() < 0.15:  # setuptools develop leftovers: egg-info outside any env
            ei = f"{proj}/src/{pkg}.egg-info"
            self.mkdir(ei)
            for f in ("PKG-INFO", "SOURCES.txt", "top_level.txt", "dependency_links.txt"):
                self.write(f"{ei}/{f}", f"Metadata-Version: 2.1\nName: {pkg}\nVersion: 0.1.0\n")

    def project(self, path, name, kind):
        """Source, git, maybe node_modules. kind: plain | poetry | pipenv | hatch."""
        r = self.rng
        start = self.n
        self.mkdirs(path)
        pkg = name.replace("-", "_")
        size = int(r.lognormvariate(4.3, 0.9))  # median ~75 .py files, long tail
        size = max(4, min(size, 1500))
        self.source_tree(path, pkg, size)
        if kind == "poetry":
            self.write(f"{path}/pyproject.toml", f"[tool.poetry]\nname = \"{name}\"\nversion = \"0.1.0\"\n"
                       "[tool.poetry.dependencies]\npython = \"^3.11\"\n")
            self.write(f"{path}/poetry.lock", r.choice(self.text_pool))
        elif kind == "pipenv":
            self.write(f"{path}/Pipfile", "[packages]\nrequests = \"*\"\n[requires]\npython_version = \"3.11\"\n")
            self.write(f"{path}/Pipfile.lock", "{}\n")
        elif kind == "hatch":
            self.write(f"{path}/pyproject.toml", f"[project]\nname = \"{name}\"\nversion = \"0.1.0\"\n"
                       "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n")
        else:
            self.write(f"{path}/pyproject.toml", f"[project]\nname = \"{name}\"\nversion = \"0.1.0\"\n")
            self.write(f"{path}/requirements.txt", "requests>=2.28\nclick\n")
        self.git(path, int(size * r.uniform(1.0, 4.0)))
        if r.random() < 0.3:
            fe = f"{path}/frontend"
            self.mkdir(fe)
            self.write(f"{fe}/package.json", json.dumps({"name": name + "-ui", "private": True}))
            self.write(f"{fe}/package-lock.json", "{}\n")
            self.node_modules(fe, int(r.lognormvariate(7.3, 0.7)))
        self.cat["proj_src"] += self.n - start
        self.projects += 1

    # -- the whole home --------------------------------------------------------------------------
    def proj_name(self, i):
        r = self.rng
        return f"{r.choice(WORDS)}-{r.choice(PROJECT_WORDS)}" if r.random() < 0.7 else \
            f"{r.choice(WORDS)}{r.choice(PROJECT_WORDS)}{i}"

    def pkg_count(self, budget_left, per_pkg=52):
        r = self.rng
        n = r.randint(10, 150)
        return max(6, min(n, int(budget_left / per_pkg)))

    def run(self):
        r = self.rng
        N = self.target
        T = dict(misc=0.20 * N, proj_src=0.37 * N, env_inproj=0.22 * N, env_other=0.21 * N)
        os.makedirs(self.root, exist_ok=True)
        if os.listdir(self.root):
            raise SystemExit(f"gen-home: {self.root} is not empty (use --force)")
        home = self.root
        for d in (".config", ".local/bin", ".local/share", ".cache", "src", "Documents",
                  "Downloads"):
            self.mkdirs(f"{home}/{d}")
        self.write(f"{home}/.bashrc", 'export PYENV_ROOT="$HOME/.pyenv"\neval "$(pyenv init -)"\n')
        self.write(f"{home}/.profile", "# ~/.profile\n")
        eo = T["env_other"]
        interps = self.pyenv(eo * 0.22)
        uvpy = self.uv_python(eo * 0.04)
        system = self.interp("3.11.2", "/usr", exists=os.path.exists("/usr/bin/python3.11"))
        gone = self.interp("3.9.18", f"{home}/.pyenv/versions/3.9.18", exists=False)
        gone_opt = self.interp("3.8.10", "/opt/python/3.8.10", exists=False)
        good = [interps["3.10.13"], interps["3.11.7"], interps["3.11.7"], interps["3.12.1"],
                system, system]
        self.conda(eo * 0.25)
        # pipx: shared venv + apps
        px = f"{home}/.local/share/pipx"
        self.mkdirs(f"{px}/venvs")
        self.make_venv(f"{px}/shared", "venv", interps["3.11.7"], 3, manager="pipx", profile="cli",
                       prompt="shared")
        apps = ["black", "httpie", "poetry", "tox", "pre-commit", "ruff", "cookiecutter",
                "ansible-core", "yt-dlp", "awscli", "nox", "virtualenv", "hatchling", "ipython",
                "mypy", "isort", "flake8", "Sphinx", "build", "pygments", "rich"]
        pipx_budget = eo * 0.12
        s0 = self.n
        for i, app in enumerate(apps):
            if i and self.n - s0 > pipx_budget:
                break
            d = self.catalog[norm(app)]
            ip = interps["3.11.7"] if i % 3 else system
            env = f"{px}/venvs/{norm(app)}"
            site = self.make_venv(env, "venv", ip, 0, manager="pipx", profile="cli", prompt=norm(app),
                                  extra_dists=[(dd, None) for dd in self.closure([app]).values()],
                                  base=())
            self.write(f"{site}/pipx_shared.pth", f"{px}/shared/lib/python3.11/site-packages\n")
            self.write(f"{env}/pipx_metadata.json", json.dumps({
                "injected_packages": {}, "main_package": {
                    "app_paths": [f"{env}/bin/{s}" for s in d["scripts"]],
                    "app_paths_of_dependencies": {}, "apps": d["scripts"], "apps_of_dependencies": [],
                    "include_apps": True, "include_dependencies": False, "man_pages": [],
                    "package": d["name"], "package_or_url": d["name"],
                    "package_version": d["version"], "pip_args": [], "suffix": ""},
                "pipx_metadata_version": "0.3", "python_version": f"Python {ip['version']}",
                "venv_args": []}, indent=4))
            self.env_entries += 2
            self.cat["env_other"] += 2
            for s in d["scripts"]:
                if not os.path.lexists(f"{home}/.local/bin/{s}"):
                    self.symlink(f"{env}/bin/{s}", f"{home}/.local/bin/{s}")
        # virtualenvwrapper
        vw = f"{home}/.virtualenvs"
        self.mkdir(vw)
        for h in ("postactivate", "postdeactivate", "postmkvirtualenv", "preactivate",
                  "predeactivate", "premkvirtualenv", "get_env_details"):
            self.write(f"{vw}/{h}", "#!/bin/bash\n", 0o755)
        s0 = self.n
        for i in range(12):
            if i and self.n - s0 > eo * 0.10:
                break
            nm = r.choice(WORDS) + str(i)
            ip = good[i % len(good)] if i != 2 else gone_opt
            self.make_venv(f"{vw}/{nm}", "virtualenv", ip,
                           min(r.randint(10, 60), self.pkg_count(eo * 0.10 - (self.n - s0))),
                           manager="virtualenvwrapper", prompt=nm)
            for h in ("postactivate", "predeactivate"):
                self.write(f"{vw}/{nm}/bin/{h}", "#!/bin/bash\n", 0o755)
                self.env_entries += 1
                self.cat["env_other"] += 1
        # legacy virtualenv (python2.7, no pyvenv.cfg)
        self.legacy(f"{vw}/legacy27")
        # projects: source, in-project envs, managed envs elsewhere
        poetry_d = f"{home}/.cache/pypoetry/virtualenvs"
        pipenv_d = f"{home}/.local/share/virtualenvs"
        hatch_d = f"{home}/.local/share/hatch/env/virtual"
        for d in (poetry_d, pipenv_d, hatch_d):
            self.mkdirs(d)
        i = 0
        names = set()
        styles = ["venv", "venv", "venv", "uv", "uv", "virtualenv"]
        # the first projects make sure every kind exists even in a small corpus
        kinds_needed = [("inproj", "venv"), ("poetry", None), ("pipenv", None), ("hatch", None),
                        ("tox", None), ("inproj", "uv"), ("inproj", "virtualenv"),
                        ("inproj", "venv")]
        while True:
            ps = self.cat["proj_src"] / T["proj_src"]
            pi = self.cat["env_inproj"] / T["env_inproj"]
            po = self.cat["env_other"] / T["env_other"]
            if ps >= 1 and pi >= 1 and po >= 1 and i >= len(kinds_needed):
                break
            if i > 20 and ps >= 1.2:
                break
            nm = self.proj_name(i)
            while nm in names:
                nm += "x"
            names.add(nm)
            style = r.choice(styles)
            if i < len(kinds_needed):
                mode, style = kinds_needed[i]
            else:
                # keep categories in proportion: the most behind gets this project's env
                if min(pi, po) > ps + 0.05:
                    mode = "none"
                elif pi <= po:
                    mode = r.choice(["inproj", "inproj", "inproj", "tox"])
                else:
                    mode = r.choice(["poetry", "pipenv", "hatch", "poetry"])
            if i == 0:  # long enough for pip's '#!/bin/sh' + exec shebang
                parent = f"{home}/src/work/acme-corporation-internal-data-platform/" \
                         f"ingestion-service-monorepo/services/backend-api-gateway-v2"
            elif r.random() < 0.2:
                parent = f"{home}/src/work/{r.choice(WORDS)}"
            else:
                parent = f"{home}/src"
            proj = f"{parent}/{nm}"
            kind = mode if mode in ("poetry", "pipenv", "hatch") else "plain"
            self.project(proj, nm, kind)
            ip = r.choice(good) if r.random() > 0.04 and i != 7 else gone
            left_i = T["env_inproj"] - self.cat["env_inproj"]
            left_o = T["env_other"] - self.cat["env_other"]
            editable = (dict(name=nm, version="0.1.0", mods=[], w=1,
                             deps=[], scripts=[], ext=0),
                        {"url": f"file://{proj}", "dir_info": {"editable": True}})
            if mode == "inproj":
                envname = r.choice([".venv", ".venv", "venv", "env"]) if style != "uv" else ".venv"
                self.make_venv(f"{proj}/{envname}", style, ip if style != "uv" else uvpy,
                               self.pkg_count(left_i), project=proj, category="env_inproj",
                               prompt=nm if r.random() < 0.5 else None,
                               extra_dists=[editable] if r.random() < 0.5 else ())
            elif mode == "tox":
                self.mkdir(f"{proj}/.tox")
                self.write(f"{proj}/tox.ini", "[tox]\nenv_list = py311, py312, lint\n")
                for e, tip in (("py311", interps["3.11.7"]), ("py312", interps["3.12.1"]),
                               ("lint", interps["3.11.7"])):
                    self.make_venv(f"{proj}/.tox/{e}", "virtualenv", tip,
                                   self.pkg_count(left_i / 3), project=proj, category="env_inproj",
                                   profile="tools", creator="virtualenv", manager="tox")
            elif mode == "poetry":
                h = base64.urlsafe_b64encode(hashlib.sha256(proj.encode()).digest()).decode()[:8]
                self.make_venv(f"{poetry_d}/{nm}-{h}-py{ip['mm']}", "virtualenv", ip,
                               self.pkg_count(left_o), manager="poetry", project=proj,
                               prompt=f"{nm}-py{ip['mm']}", extra_dists=[editable])
            elif mode == "pipenv":
                h = base64.urlsafe_b64encode(hashlib.sha256(proj.encode()).digest()).decode()[:8]
                env = f"{pipenv_d}/{nm}-{h}"
                self.make_venv(env, "virtualenv", ip, self.pkg_count(left_o), manager="pipenv",
                               project=proj, prompt=nm)
                self.write(f"{env}/.project", proj)
                self.env_entries += 1
                self.cat["env_other"] += 1
            elif mode == "hatch":
                h = base64.urlsafe_b64encode(hashlib.sha256(proj.encode()).digest()).decode()[:8]
                for e in ([nm] if r.random() < 0.6 else [nm, "test"]):
                    self.make_venv(f"{hatch_d}/{nm}/{h}/{e}", "virtualenv", ip,
                                   self.pkg_count(left_o), manager="hatch", project=proj,
                                   prompt=e, extra_dists=[editable])
            i += 1
        # orphans: managed envs whose project folder is gone
        gp = f"{home}/src/deleted-project"
        env = f"{pipenv_d}/deleted-project-Ab3dE9xQ"
        self.make_venv(env, "virtualenv", interps["3.10.13"], 12, manager="pipenv", project=gp,
                       prompt="deleted-project", stale=["project-missing"])
        self.write(f"{env}/.project", gp)
        self.env_entries += 1
        self.cat["env_other"] += 1
        self.make_venv(f"{poetry_d}/oldthing-Zx81Qe0p-py3.10", "virtualenv", interps["3.10.13"], 10,
                       manager="poetry", stale=[])
        self.user_site()
        self.misc(N - self.n)
        return self

    def legacy(self, env):
        start = self.n
        self.mkdir(env)
        self.mkdir(f"{env}/bin")
        self.write(f"{env}/bin/python2.7", self.so_pool[2], 0o755)
        self.symlink("python2.7", f"{env}/bin/python")
        self.symlink("python2.7", f"{env}/bin/python2")
        self.write(f"{env}/bin/activate", f"VIRTUAL_ENV=\"{env}\"\nexport VIRTUAL_ENV\n")
        self.write(f"{env}/bin/activate_this.py", "# legacy\n")
        self.write(f"{env}/bin/pip", f"#!{env}/bin/python2.7\nimport sys\n", 0o755)
        self.mkdir(f"{env}/include")
        self.symlink("/usr/include/python2.7", f"{env}/include/python2.7")
        lib = f"{env}/lib/python2.7"
        self.mkdirs(lib)
        self.write(f"{lib}/orig-prefix.txt", "/usr")
        self.write(f"{lib}/no-global-site-packages.txt", "")
        self.write(f"{lib}/site.py", self.py_body("site"))
        for m in ("os", "posixpath", "stat", "genericpath", "warnings", "linecache", "types",
                  "UserDict", "_abcoll", "abc", "copy_reg", "fnmatch", "sre", "codecs"):
            self.symlink(f"/usr/lib/python2.7/{m}.py", f"{lib}/{m}.py")
        for m in ("config", "encodings", "lib-dynload"):
            self.symlink(f"/usr/lib/python2.7/{m}", f"{lib}/{m}")
        site = f"{lib}/site-packages"
        self.mkdir(site)
        n = 0
        for k in ("pip", "setuptools", "wheel", "six", "requests", "urllib3", "idna", "certifi"):
            d = dict(self.catalog[norm(k)])
            self.install_dist(site, env, "27", d, "pip", scale=0.3, egg=(k == "six"))
            n += 1
        self.write(f"{site}/easy-install.pth", "import sys; sys.__plen = len(sys.path)\n")
        self.mkdir(f"{env}/local")
        for s in ("bin", "include", "lib"):
            self.symlink(f"{env}/{s}", f"{env}/local/{s}")
        self.envs.append(dict(path=env, kind="virtualenv-legacy", creator="virtualenv",
                              manager="virtualenvwrapper", python="2.7", status="ok", packages=n,
                              project=None, stale=[]))
        self.cat["env_other"] += self.n - start
        self.env_entries += self.n - start

    def user_site(self):
        """pip install --user: a site-packages that belongs to no environment."""
        site = f"{self.root}/.local/lib/python3.11/site-packages"
        self.mkdirs(site)
        saved = self.distinfo
        if True:
            for d in self.closure(["httpie", "yt-dlp"]).values():
                self.install_dist(site, f"{self.root}/.local", "311", d, "pip", scale=0.4,
                                  shebang="#!/usr/bin/python3\n")
        self.user_distinfo = self.distinfo - saved
        self.distinfo = saved

    def misc(self, budget):
        """Caches, editor and browser profiles, documents: fill up to the target."""
        r = self.rng
        home = self.root
        end = self.n + max(0, budget)
        # pip http cache: 5 levels of 1-char fan-out
        parts = [
            (0.22, "pip_cache"), (0.18, "npm_cache"), (0.15, "uv_cache"), (0.15, "vscode"),
            (0.12, "browser"), (0.18, "docs"),
        ]
        start = self.n
        total = end - start
        for frac, what in parts:
            stop = min(end, self.n + int(total * frac))
            getattr(self, "misc_" + what)(stop)
        # top up to the exact target with notes
        nd = f"{home}/Documents/notes"
        if self.n < end:
            self.mkdirs(nd)
        k = 0
        while self.n < end:
            self.write(f"{nd}/note-{k:06d}.md", r.choice(self.text_pool))
            k += 1
        self.cat["misc"] += self.n - start

    def misc_pip_cache(self, stop):
        r = self.rng
        base = f"{self.root}/.cache/pip/http-v2"
        self.mkdirs(base)
        made = set()
        while self.n < stop:
            h = "%056x" % r.getrandbits(224)
            p = base
            for c in h[:5]:
                p = f"{p}/{c}"
                if p not in made:
                    self.mkdirs(p)
                    made.add(p)
            self.write(f"{p}/{h}", r.choice(self.pyc_pool))
            if r.random() < 0.5:
                self.write(f"{p}/{h}.body", r.choice(self.so_pool))

    def misc_npm_cache(self, stop):
        r = self.rng
        base = f"{self.root}/.npm/_cacache/content-v2/sha512"
        self.mkdirs(base)
        made = set()
        while self.n < stop:
            h = "%0128x" % r.getrandbits(512)
            p = f"{base}/{h[:2]}/{h[2:4]}"
            if p not in made:
                self.mkdirs(p)
                made.add(p)
            self.write(f"{p}/{h[4:]}", r.choice(self.js_pool))

    def misc_uv_cache(self, stop):
        """uv's cache holds unpacked wheels (with dist-info) that are not environments."""
        r = self.rng
        base = f"{self.root}/.cache/uv/archive-v0"
        self.mkdirs(base)
        self.write(f"{self.root}/.cache/uv/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n")
        saved = self.distinfo
        while self.n < stop:
            d = self.catalog[r.choice(self.catalog_keys)]
            h = "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(21))
            self.mkdir(f"{base}/{h}")
            self.install_dist(f"{base}/{h}", None, "311", d, "uv", scale=0.5)
        self.cache_distinfo = self.distinfo - saved
        self.distinfo = saved

    def misc_vscode(self, stop):
        r = self.rng
        base = f"{self.root}/.vscode/extensions"
        self.mkdirs(base)
        i = 0
        while self.n < stop:
            d = f"{base}/{r.choice(WORDS)}.{r.choice(WORDS)}-{i}.{r.randint(0, 9)}.0"
            self.mkdir(d)
            self.write(f"{d}/package.json", "{}")
            self.mkdir(f"{d}/out")
            for k in range(r.randint(5, 120)):
                self.write(f"{d}/out/{r.choice(WORDS)}{k}.js", r.choice(self.js_pool))
            i += 1

    def misc_browser(self, stop):
        r = self.rng
        base = f"{self.root}/.cache/mozilla/firefox/x8k2m1p0.default-release/cache2/entries"
        self.mkdirs(base)
        while self.n < stop:
            self.write(f"{base}/{r.getrandbits(160):040X}", r.choice(self.pyc_pool))

    def misc_docs(self, stop):
        r = self.rng
        i = 0
        while self.n < stop:
            d = f"{self.root}/{r.choice(['Documents', 'Downloads', '.config'])}/{r.choice(WORDS)}{i}"
            self.mkdirs(d)
            for k in range(r.randint(3, 60)):
                ext = r.choice([".md", ".txt", ".pdf", ".json", ".csv", ".png"])
                self.write(f"{d}/{r.choice(WORDS)}-{k}{ext}", r.choice(self.text_pool))
            i += 1


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", help="the home directory to create (must be absent or empty)")
    ap.add_argument("--entries", type=int, default=300000,
                    help="about how many filesystem entries to create (default 300000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--manifest", help="write a JSON description of the environments here")
    ap.add_argument("--force", action="store_true", help="delete DIR first if it exists")
    a = ap.parse_args(argv)
    if a.entries < 5000:
        ap.error("--entries must be at least 5000")
    root = os.path.abspath(a.dir)
    if a.force and os.path.lexists(root):
        shutil.rmtree(root)
    t0 = time.monotonic()
    g = Gen(root, a.seed, a.entries).run()
    dt = time.monotonic() - t0
    kinds = {}
    for e in g.envs:
        k = e["kind"] + ("/" + e["manager"] if e["manager"] else "")
        kinds[k] = kinds.get(k, 0) + 1
    if a.manifest:
        with open(a.manifest, "w") as f:
            json.dump(dict(root=root, seed=a.seed, entries=g.n, files=g.files, dirs=g.dirs,
                           symlinks=g.links, environments=len(g.envs), dist_info=g.distinfo,
                           egg_info=g.egginfo, env_entries=g.env_entries, envs=g.envs), f, indent=1)
    print(f"gen-home: {root}")
    print(f"entries {g.n} (dirs {g.dirs}, files {g.files}, symlinks {g.links}) in {dt:.1f}s")
    print(f"environments {len(g.envs)}: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print(f"dist-info {g.distinfo} and egg-info {g.egginfo} in environments"
          f" (+{getattr(g, 'cache_distinfo', 0)} in the uv cache and "
          f"{getattr(g, 'user_distinfo', 0)} in ~/.local/lib: not environments)")
    print(f"inside environments {g.env_entries} ({100.0 * g.env_entries / g.n:.0f}%); "
          f"projects {g.cat['proj_src'] + g.cat['env_inproj']} "
          f"({100.0 * (g.cat['proj_src'] + g.cat['env_inproj']) / g.n:.0f}%, {g.projects} projects)")
    if os.environ.get("GEN_HOME_DEBUG"):
        print("categories:", {k: f"{100.0 * v / g.n:.1f}%" for k, v in g.cat.items()},
              f"entries/dist {g.env_entries / max(1, g.distinfo + g.egginfo):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
