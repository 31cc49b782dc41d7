"""Voice notes: audio bytes -> what was said.

Telegram sends voice notes as OGG/Opus. `hear()` decodes them (soundfile carries its
own libsndfile with Opus, so no ffmpeg), turns them into 16 kHz mono, and asks a
recogniser. The default recogniser is PocketSphinx, whose English model is inside the
pip package. It is run twice at most: first biased towards what people say to a cramp
diary (`voice_lm`), and, only when the reader cannot make sense of that, once more
with the general English model. A faster-whisper model is used instead when a local
model folder is configured; nothing is ever downloaded.

`Listener` runs all of this in a small process pool: recognising speech is CPU-bound
and would otherwise stall every other user's messages.
"""

from __future__ import annotations

import asyncio
import io
import re
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from . import voice_lm
from .parsing import read
from .parsing.model import CONFIDENT
from .values import frozen
from .vocab import SPOKEN_BODY, WHISPER_PROMPT

if TYPE_CHECKING:
    import numpy as np

RATE = 16_000
MAX_SECONDS = 60  # longer notes are refused (the reply says so)
MAX_BYTES = 20 * 1024 * 1024  # the Bot API's getFile limit
ALLOWED_FORMATS = ("OGG", "WAV", "FLAC")
MAX_CHANNELS = 2
MIN_RATE, MAX_RATE = 8_000, 48_000
WORKER_MEMORY = 1536 * 1024 * 1024  # address space a listening worker may use (bytes)
LANGUAGE_WEIGHT = 12.0  # PocketSphinx's -lw for the domain model (its default: 6.5)
_SILENCE = 1e-3  # peak amplitude (full scale 1.0) below which a note is taken as empty

Mode = Literal["auto", "domain", "open"]
Problem = Literal["empty", "unreadable", "too_long", "too_big", "language"]


class VoiceError(Exception):
    """A note we will not or cannot listen to; `problem` says which, for the reply."""

    def __init__(self, problem: Problem, detail: str = "") -> None:
        super().__init__(problem, detail)
        self.problem: Problem = problem


class VoiceSetupError(RuntimeError):
    """The configured recogniser cannot be loaded (raised at start, with what to do)."""


@frozen
class Heard:
    text: str
    sure: bool  # the reader understood it (or the backend is confident)
    seconds: float  # length of the audio
    cpu_seconds: float  # spent recognising (decoding included)
    model: str  # "domain", "open" or "whisper"


# ---- audio ---------------------------------------------------------------------------


def decode(data: bytes, max_seconds: float = MAX_SECONDS) -> np.ndarray:
    """OGG/Opus (or WAV, FLAC...) bytes -> 16 kHz mono float32 in [-1, 1]."""
    import numpy as np  # here, not at the top: the bot process itself never needs numpy
    import soundfile as sf

    if not data:
        raise VoiceError("empty")
    if len(data) > MAX_BYTES:
        raise VoiceError("too_big")
    try:
        with sf.SoundFile(io.BytesIO(data)) as f:
            # Checked before a sample is decoded: a note's header may promise a sane
            # length and hide 8 channels at 655 kHz (a memory bomb). Telegram's notes
            # are OGG/Opus mono 48 kHz; WAV and FLAC are allowed for tests and tools.
            if f.format not in ALLOWED_FORMATS or f.channels > MAX_CHANNELS or not (
                    MIN_RATE <= f.samplerate <= MAX_RATE):
                raise VoiceError("unreadable", f"{f.format} {f.channels} ch {f.samplerate} Hz")
            if f.frames > 0 and f.frames / f.samplerate > max_seconds + 1:
                raise VoiceError("too_long")
            rate = f.samplerate
            # at most 61 s of 2 channels at 48 kHz (23 MB), whatever the header says
            audio = f.read(dtype="float32", always_2d=True, frames=int((max_seconds + 1) * rate) + 1)
    except VoiceError:
        raise
    except Exception as exc:  # libsndfile says "unknown format", "unexpected end"...
        raise VoiceError("unreadable", str(exc)) from exc
    if len(audio) > (max_seconds + 1) * rate:  # the header lied about the length
        raise VoiceError("too_long")
    mono = audio.mean(axis=1)
    if mono.size == 0 or float(np.abs(mono).max()) < _SILENCE:
        raise VoiceError("empty")
    return resample(mono, rate)


def resample(x: np.ndarray, rate: int, to: int = RATE) -> np.ndarray:
    """Low-pass below the new Nyquist frequency, then pick the new samples."""
    import numpy as np

    if rate == to:
        return x.astype(np.float32)
    if rate > to:
        cutoff = 0.45 * to / rate  # cycles per input sample
        n = np.arange(-48, 49)
        taps = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(n.size)
        x = np.convolve(x, taps / taps.sum(), mode="same")
    if rate % to == 0:
        return x[:: rate // to].astype(np.float32)
    positions = np.arange(int(len(x) * to / rate)) * (rate / to)
    return np.interp(positions, np.arange(len(x)), x).astype(np.float32)


def pcm16(x: np.ndarray) -> bytes:
    import numpy as np

    return (np.clip(x, -1.0, 1.0) * 32767).astype("<i2").tobytes()


# ---- recognisers ---------------------------------------------------------------------


class Recogniser(Protocol):
    def transcribe(self, audio: np.ndarray, mode: Mode = "auto",
                   language: str = "en") -> tuple[str, bool, str]:
        """16 kHz mono float audio in `language` -> (text, sure, which model)."""
        ...


_UNDERSTOOD = ("cramp", "no_cramp", "supplement", "stretch", "undo", "recap", "help", "skipped",
               "correction", "symptom")
# A symptom counts only when said of a body part: a misheard "hot" on its own must not
# send someone to the doctor at 3 a.m.
_BODY = re.compile(r"\b(?:" + "|".join(SPOKEN_BODY) + r")\b")


def understood(text: str, language: str = "en") -> bool:
    """Would the reader act on these words? (It reads them again later, with the
    user's clock; here only whether it makes sense matters.)"""
    if not text.strip():
        return False
    reading = read(text, datetime(2026, 1, 1, 12), "UTC", language)
    body = _BODY.search(text) is not None
    if reading.intent in _UNDERSTOOD and reading.confidence >= CONFIDENT:
        # a symptom or a red flag is taken only of a body part ("this and stiff" is noise)
        return body or (not reading.red_flags and reading.intent != "symptom")
    return bool(reading.red_flags) and body


class Sphinx:
    """PocketSphinx with a domain model, falling back to the general English one."""

    def __init__(self, workdir: Path | None = None) -> None:
        from pocketsphinx import Decoder, get_model_path

        model = Path(get_model_path())
        folder = workdir or Path(tempfile.mkdtemp(prefix="charley-voice-"))
        lines = list(voice_lm.sentences())
        words = voice_lm.vocabulary(lines)
        (folder / "domain.arpa").write_text(voice_lm.arpa(lines))
        full_dict = model / "en-us" / "cmudict-en-us.dict"
        (folder / "domain.dict").write_text(_dictionary_for(words, full_dict))
        # A language weight above the default 6.5 trusts the domain's grammar more than
        # the sounds: chosen on the tuning fixtures only (12: 78/87 vs 75/87 at 6.5).
        self._domain = Decoder(lm=str(folder / "domain.arpa"), dict=str(folder / "domain.dict"),
                               lw=LANGUAGE_WEIGHT, loglevel="FATAL")
        self._open: Any = None

    def transcribe(self, audio: np.ndarray, mode: Mode = "auto",
                   language: str = "en") -> tuple[str, bool, str]:
        if language != "en":  # its acoustic and language models are English
            raise VoiceError("language")
        raw = pcm16(audio)
        if mode != "open":
            text = _decode(self._domain, raw)
            sure = understood(text)
            if sure or mode == "domain":
                return text, sure, "domain"
        if self._open is None:
            from pocketsphinx import Decoder

            self._open = Decoder(loglevel="FATAL")  # the general model, 0.4 s to load
        text = _decode(self._open, raw)
        return text, understood(text), "open"


def _decode(decoder: Any, audio: bytes) -> str:
    decoder.start_utt()
    decoder.process_raw(audio, full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr.strip() if hyp is not None else ""


# British (and Australian) vowels that the American dictionary lacks.
EXTRA_PRONUNCIATIONS = {
    "calf": "K AA F", "calves": "K AA V Z", "half": "HH AA F", "last": "L AA S T",
    "can't": "K AA N T", "after": "AA F T ER",
}


def _dictionary_for(words: set[str], full_dict: Path) -> str:
    """The lines of the pronouncing dictionary for these words (variants included).

    Loading all 134,000 words takes PocketSphinx 3.5 s; these few hundred, 20 ms.
    """
    alt = re.compile(r"\(\d+\)$")
    out = []
    with full_dict.open(encoding="utf-8") as f:
        for line in f:
            word = line.split(" ", 1)[0]
            if alt.sub("", word) in words:
                out.append(line)
    out += [f"{w}(9) {p}\n" for w, p in EXTRA_PRONUNCIATIONS.items() if w in words]
    return "".join(out)




def check_whisper_dir(path: str | Path) -> Path:
    """A local faster-whisper (CTranslate2) model folder, or a clear error."""
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise VoiceSetupError(
            f"WHISPER_MODEL_DIR={path} is not a folder. Point it at a faster-whisper "
            "model folder (one with model.bin), or leave it unset to use the built-in "
            "recogniser. Charley never downloads models.")
    if not (folder / "model.bin").is_file():
        raise VoiceSetupError(
            f"WHISPER_MODEL_DIR={path} has no model.bin: it should hold a CTranslate2 "
            "conversion of a Whisper model (e.g. the files of Systran/faster-whisper-base.en).")
    return folder


class Whisper:
    """faster-whisper on the CPU, from a local folder only."""

    def __init__(self, model_dir: str | Path) -> None:
        folder = check_whisper_dir(model_dir)
        try:
            from faster_whisper import WhisperModel
        except ImportError as exc:
            raise VoiceSetupError(
                "WHISPER_MODEL_DIR is set but faster-whisper is not installed: "
                "pip install 'charley[whisper]', or unset WHISPER_MODEL_DIR.") from exc
        try:
            self._model = WhisperModel(str(folder), device="cpu", compute_type="int8",
                                       cpu_threads=1, local_files_only=True)
        except Exception as exc:
            raise VoiceSetupError(f"Could not load the Whisper model in {folder}: {exc}") from exc

    def transcribe(self, audio: np.ndarray, mode: Mode = "auto",
                   language: str = "en") -> tuple[str, bool, str]:
        # told the language, never left to guess it (guessing fails on a short note);
        # the English prompt would pull another language's words towards English
        if language != "en" and not self._model.model.is_multilingual:
            raise VoiceError("language")
        segments, _info = self._model.transcribe(
            audio, language=language, beam_size=1,
            initial_prompt=WHISPER_PROMPT if language == "en" else None,
            condition_on_previous_text=False)
        text = " ".join(s.text.strip() for s in segments).strip()
        return text, understood(text, language), "whisper"


def make_recogniser(whisper_dir: str | None = None) -> Recogniser:
    return Whisper(whisper_dir) if whisper_dir else Sphinx()


# ---- the worker side -----------------------------------------------------------------

_recogniser: Recogniser | None = None
_whisper_dir: str | None = None


def _start_worker(whisper_dir: str | None) -> None:
    global _whisper_dir
    _whisper_dir = whisper_dir
    try:  # a note that gets past the checks still cannot take the machine's memory
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = WORKER_MEMORY if hard == resource.RLIM_INFINITY else min(WORKER_MEMORY, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # not on this platform
        pass


def listen(data: bytes, mode: Mode = "auto", max_seconds: float = MAX_SECONDS,
           language: str = "en") -> Heard:
    """Bytes of a voice note in `language` -> `Heard` (raises `VoiceError`). Runs in a
    worker."""
    global _recogniser
    started = time.process_time()
    audio = decode(data, max_seconds)
    if _recogniser is None:
        _recogniser = make_recogniser(_whisper_dir)
    text, sure, model = _recogniser.transcribe(audio, mode, language)
    text = " ".join(text.split())
    return Heard(text=text, sure=sure, seconds=len(audio) / RATE,
                 cpu_seconds=time.process_time() - started, model=model)


class Listener:
    """A bounded pool of worker processes that listen to voice notes.

    Started on the first note (an idle bot keeps no model in memory); a worker that
    dies (out of memory, say) is replaced and the note tried once more.
    """

    def __init__(self, whisper_dir: str | None = None, workers: int = 1) -> None:
        self.whisper_dir = whisper_dir
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def _ensure(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=get_context("spawn"),
                initializer=_start_worker, initargs=(self.whisper_dir,))
        return self._pool

    def hears(self, language: str) -> bool:
        """Whether a note in `language` can be heard at all: PocketSphinx's model is
        English only; a Whisper model folder may be multilingual (checked when loaded)."""
        return language == "en" or self.whisper_dir is not None

    async def hear(self, data: bytes, language: str = "en") -> Heard:
        loop = asyncio.get_running_loop()
        job = partial(listen, data, language=language)
        try:
            return await loop.run_in_executor(self._ensure(), job)
        except BrokenProcessPool:  # a worker died: a fresh pool, one more try
            self.close()
            return await loop.run_in_executor(self._ensure(), job)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
