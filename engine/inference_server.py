"""Starts Roboflow's real inference HTTP server (the `inference-cpu` package, pinned in
engine/inference-server.lock) on a loopback port, offline, for the real-server tests.

    .inference-server/venv/bin/python engine/inference_server.py --port 9123 [--state-dir DIR]
    .inference-server/venv/bin/python engine/inference_server.py --check    # builds the app, prints its version

Roboflow's Docker image builds its app in docker/config/cpu_http.py, which the wheel does not ship.
This builds the same app from the installed package's own parts, the way that file does: a
`RoboflowModelRegistry` over `ROBOFLOW_MODEL_TYPES`, a `ModelManager` (active learning off: it would
call the Roboflow API), wrapped in `WithFixedSizeCache`, `init_pingback()` (a no-op with metrics off),
and `HttpInterface(model_manager).app`, served by uvicorn on 127.0.0.1 only.

Nothing leaves the machine: OFFLINE_MODE (the server then refuses to call Roboflow's API at all), no
metrics, no version check, no font downloads, no API key, the model families that download weights off,
and API_BASE_URL on loopback: an unused port, or `--api-base-url`, the tests' recorder, which checks that
nothing arrives. These settings override the caller's environment; everything else is the package's default
(e.g. the key is read from the body and from `Authorization: Bearer`, ALLOW_API_KEY_FROM_HEADERS=True).
"""

import argparse
import json
import os
import socket
import sys
import tempfile
import urllib.parse


def unused_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Model families whose weights only a download brings (CLIP, SAM, OCR, VLMs…). Off, as the image's
# CORE_MODEL_*_ENABLED switches allow: nothing here can download them, and the lock leaves out the
# libraries only they import (transformers, timm, easyocr…; see engine/inference-server.lock).
MODEL_FAMILY_SWITCHES = (
    "CORE_MODEL_CLIP_ENABLED CORE_MODEL_DOCTR_ENABLED CORE_MODEL_EASYOCR_ENABLED CORE_MODEL_GAZE_ENABLED "
    "CORE_MODEL_GROUNDINGDINO_ENABLED CORE_MODEL_OWLV2_ENABLED CORE_MODEL_PE_ENABLED CORE_MODEL_PPOCR_ENABLED "
    "CORE_MODEL_SAM2_ENABLED CORE_MODEL_SAM3_ENABLED CORE_MODEL_SAM_ENABLED CORE_MODEL_TROCR_ENABLED "
    "CORE_MODEL_YOLO_WORLD_ENABLED COSMOS3_ENABLED DEPTH_ESTIMATION_ENABLED FLORENCE2_ENABLED GLM_OCR_ENABLED "
    "MOONDREAM2_ENABLED PALIGEMMA_ENABLED QWEN_2_5_ENABLED QWEN_3_5_ENABLED QWEN_3_8_ENABLED QWEN_3_ENABLED "
    "SAM3_3D_OBJECTS_ENABLED SMOLVLM2_ENABLED VJEPA2_1_ENABLED"
).split()


def offline_environment(state_dir: str, api_base_url: str) -> dict:
    return {
        **{switch: "False" for switch in MODEL_FAMILY_SWITCHES},
        "OFFLINE_MODE": "True",
        "METRICS_ENABLED": "False",
        "DISABLE_VERSION_CHECK": "True",
        "ALLOW_WORKFLOWS_FONTS_DOWNLOAD": "False",
        "ACTIVE_LEARNING_ENABLED": "False",
        "ENABLE_STREAM_API": "False",
        "ENABLE_BUILDER": "False",
        "ENABLE_DASHBOARD": "False",
        "OTEL_TRACING_ENABLED": "False",
        "LAMBDA": "False",
        "GCP_SERVERLESS": "False",
        "WORKFLOWS_STEP_EXECUTION_MODE": "local",
        # Roboflow's API, should anything ask it: a loopback port with no listener (refused at once), or
        # the tests' own recorder on loopback.
        "API_BASE_URL": api_base_url,
        "MODEL_CACHE_DIR": os.path.join(state_dir, "model-cache"),
        "INFERENCE_HOME": os.path.join(state_dir, "model-cache"),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
    }


def loopback_url(url: str) -> str:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme != "http" or parsed.hostname not in ("127.0.0.1", "localhost", "::1") or not parsed.port:
        raise SystemExit(f"--api-base-url must be http://127.0.0.1:<port> (loopback only), not {url!r}")
    return url.rstrip("/")


def build_app(state_dir: str, api_base_url: str):
    """The app docker/config/cpu_http.py builds, offline, working in `state_dir`."""
    # HttpInterface mounts the landing page's static folders relative to the working directory (the
    # Docker image's /app); the wheel has no landing page, so empty folders stand in for them.
    for folder in ("inference/landing/out/static", "inference/landing/out/_next/static"):
        os.makedirs(os.path.join(state_dir, folder), exist_ok=True)
    os.chdir(state_dir)

    # No key of the caller's reaches the server: requests carry their own, or none.
    for name in ("ROBOFLOW_API_KEY", "API_KEY"):
        os.environ.pop(name, None)
    os.environ.update(offline_environment(state_dir, api_base_url))

    from inference.core.env import MAX_ACTIVE_MODELS
    from inference.core.interfaces.http.http_api import HttpInterface
    from inference.core.managers.base import ModelManager
    from inference.core.managers.decorators.fixed_size_cache import WithFixedSizeCache
    from inference.core.registries.roboflow import RoboflowModelRegistry
    from inference.models.utils import ROBOFLOW_MODEL_TYPES

    model_manager = ModelManager(model_registry=RoboflowModelRegistry(ROBOFLOW_MODEL_TYPES))
    model_manager = WithFixedSizeCache(model_manager, max_size=MAX_ACTIVE_MODELS)
    model_manager.init_pingback()
    return HttpInterface(model_manager).app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, help="loopback port to serve on")
    parser.add_argument(
        "--api-base-url",
        type=loopback_url,
        default=None,
        help="where the server finds Roboflow's API: a loopback URL (default: an unused loopback port)",
    )
    parser.add_argument("--check", action="store_true", help="build the app, print the server's version as JSON, exit")
    parser.add_argument("--state-dir", default=None, help="working directory for the server (default: a new temporary one)")
    parser.add_argument(
        "--trace-imports",
        default=None,
        help="on exit, write the files of every module and shared library the process loaded (to trim the lock)",
    )
    args = parser.parse_args()
    if not args.check and args.port is None:
        parser.error("--port is required (or --check)")

    launch_dir = os.getcwd()
    api_base_url = args.api_base_url or f"http://127.0.0.1:{unused_loopback_port()}"
    if args.check:
        with tempfile.TemporaryDirectory(prefix="inference-server-check-") as state_dir:
            app = build_app(state_dir, api_base_url)
            os.chdir(launch_dir)
            print(json.dumps({"name": app.title, "version": app.version}))
        return 0

    state_dir = os.path.abspath(args.state_dir or tempfile.mkdtemp(prefix="inference-server-"))
    app = build_app(state_dir, api_base_url)
    if args.trace_imports:
        # uvicorn re-raises SIGTERM after its graceful shutdown, so the trace is written on the way down.
        trace_file = os.path.abspath(os.path.join(launch_dir, args.trace_imports))
        app.router.on_shutdown.append(lambda: write_trace(trace_file))

    import uvicorn

    print(f"[inference-server] serving on http://127.0.0.1:{args.port} (state in {state_dir})", file=sys.stderr, flush=True)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)
    return 0


def write_trace(path: str) -> None:
    files = {getattr(module, "__file__", None) for module in list(sys.modules.values())}
    with open("/proc/self/maps", encoding="utf-8") as maps:
        files.update(line.split(None, 5)[5].strip() for line in maps if len(line.split(None, 5)) == 6)
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(sorted(f for f in files if f and os.path.isabs(f))) + "\n")


if __name__ == "__main__":
    sys.exit(main())
