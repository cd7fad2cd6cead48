#!/usr/bin/env python3
"""Add attachments to a synthetic export made by ../shared/tools/gen_export.py, shaped like a
real export of a given generation, for chatterm's import tests and benchmarks.

Usage: add_attachments.py IN.zip OUT.zip [--shape 2026|named|folders] [--image-kb K]
                          [--generated N] [--missing P] [--same P] [--seed S]

Every image pointer of the conversations gets a PNG file (a colour gradient; with --image-kb K,
noise is added until each is about K kB, so the export grows as a real one of photos does).
  --shape 2026     file-XXXX.dat files and conversation_asset_file_names.json mapping each to
                   its original name; nodes lose `children` (2026 exports list parents only)
  --shape named    file-XXXX-Screenshot_N.png beside conversations.json (2023-2025)
  --shape folders  user-XXXX/file_XXXX-<uuid>.png and dalle-generations/ (2024-2025)
  --generated N    N conversations get a DALL-E answer: a hidden call with the prompt, a tool
                   message with the generated image (metadata.dalle.prompt) and a short answer
  --missing P      a fraction P of the files is left out (exports omit some generated images)
  --same P         a fraction P of the files repeats an earlier file's bytes (deduplication)
Pure Python (zlib only): no imaging library needed."""
import io, json, random, struct, sys, uuid, zipfile, zlib


def png(width, height, seed, noise_bytes):
    r = random.Random(seed)
    c0 = [r.randint(0, 255) for _ in range(3)]
    c1 = [r.randint(0, 255) for _ in range(3)]
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            t = x / max(1, width - 1)
            row += bytes(int(c0[k] * (1 - t) + c1[k] * t) for k in range(3))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    body = [chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
            chunk(b"IDAT", zlib.compress(raw, 6))]
    if noise_bytes > 0:  # an ancillary chunk of noise: readers skip it, the file is as large as a photo
        body.append(chunk(b"noIS", r.randbytes(noise_bytes)))
    return b"\x89PNG\r\n\x1a\n" + b"".join(body) + chunk(b"IEND", b"")


def main():
    args = sys.argv[1:]
    src, out = args[0], args[1]
    opt = lambda name, default: type(default)(args[args.index(name) + 1]) if name in args else default
    shape = opt("--shape", "2026")
    image_kb = opt("--image-kb", 0)
    generated = opt("--generated", 0)
    missing = opt("--missing", 0.0)
    same = opt("--same", 0.0)
    r = random.Random(opt("--seed", 7))

    zin = zipfile.ZipFile(src)
    shards = sorted(n for n in zin.namelist() if n.startswith("conversations") and n.endswith(".json"))
    others = [n for n in zin.namelist() if n not in shards]
    data = {n: json.loads(zin.read(n)) for n in shards}

    pointers = []  # (file id, width, height, original name)

    def add_generated(conv):
        mapping = conv["mapping"]
        leaf = conv["current_node"]
        prompt = "A watercolor fox reading a map of the terminal, soft morning light"
        fid = "file-" + uuid.UUID(int=r.getrandbits(128)).hex[:22]
        ids = [str(uuid.UUID(int=r.getrandbits(128))) for _ in range(4)]
        t = (mapping[leaf]["message"] or {}).get("create_time") or conv["update_time"]
        def node(i, parent, message):
            mapping[ids[i]] = {"id": ids[i], "message": message, "parent": parent, "children": []}
            mapping[parent]["children"].append(ids[i])
        author = lambda role, name=None: {"role": role, "name": name, "metadata": {}}
        node(0, leaf, {"id": ids[0], "author": author("user"), "create_time": t + 1,
                       "content": {"content_type": "text", "parts": ["Draw a fox reading a map"]},
                       "status": "finished_successfully", "metadata": {}, "recipient": "all"})
        node(1, ids[0], {"id": ids[1], "author": author("assistant"), "create_time": t + 2,
                         "content": {"content_type": "code", "language": "json",
                                     "text": json.dumps({"prompt": prompt, "size": "1024x1024"})},
                         "status": "finished_successfully", "metadata": {"model_slug": "gpt-4o"},
                         "recipient": "dalle.text2im"})
        node(2, ids[1], {"id": ids[2], "author": author("tool", "dalle.text2im"), "create_time": t + 20,
                         "content": {"content_type": "multimodal_text", "parts": [
                             {"content_type": "image_asset_pointer", "asset_pointer": "file-service://" + fid,
                              "size_bytes": 0, "width": 1024, "height": 1024, "fovea": 512,
                              "metadata": {"dalle": {"gen_id": "g" + fid[-6:], "prompt": prompt, "seed": 1},
                                           "sanitized": False}}]},
                         "status": "finished_successfully", "metadata": {}, "recipient": "all"})
        node(3, ids[2], {"id": ids[3], "author": author("assistant"), "create_time": t + 21,
                         "content": {"content_type": "text", "parts": ["Here is the fox with its map."]},
                         "status": "finished_successfully", "end_turn": True,
                         "metadata": {"model_slug": "gpt-4o"}, "recipient": "all"})
        conv["current_node"] = ids[3]
        pointers.append((fid, 1024, 1024, None, True))

    for name in shards:
        for k, conv in enumerate(data[name]):
            if generated > 0:
                add_generated(conv)
                generated -= 1
            for node in conv["mapping"].values():
                m = node.get("message") or {}
                for part in (m.get("content") or {}).get("parts") or []:
                    if isinstance(part, dict) and part.get("content_type") == "image_asset_pointer":
                        pointer = part["asset_pointer"]
                        fid = pointer.split("://", 1)[-1]
                        if shape == "folders":
                            fid = "file_" + uuid.UUID(int=r.getrandbits(128)).hex
                            part["asset_pointer"] = "sediment://" + fid
                        elif "-" in fid[5:]:  # real ids are letters and digits after `file-`
                            fid = "file-" + uuid.UUID(int=r.getrandbits(128)).hex[:22]
                            part["asset_pointer"] = "file-service://" + fid
                        if (fid, True) not in [(p[0], True) for p in pointers[-1:]]:
                            pointers.append((fid, part.get("width") or 1024, part.get("height") or 768,
                                             f"Screenshot_{len(pointers)}.png", False))
                        if not m.get("metadata", {}).get("attachments"):
                            m.setdefault("metadata", {})["attachments"] = [
                                {"id": fid, "name": f"Screenshot_{len(pointers) - 1}.png", "mime_type": "image/png",
                                 "width": part.get("width"), "height": part.get("height")}]
            if shape == "2026":
                for node in conv["mapping"].values():
                    node.pop("children", None)

    names = {}
    files = {}
    made = []
    total = 0
    for i, (fid, w, h, original, is_generated) in enumerate(pointers):
        if r.random() < missing:
            continue
        if made and r.random() < same:
            blob = r.choice(made)
        else:
            blob = png(64, 48, hash(fid) & 0xFFFF, max(0, image_kb * 1024 - 2000))
            made.append(blob)
        if shape == "2026":
            path = f"{fid}.dat"
            names[path] = ("dalle-generations/" + str(uuid.UUID(int=r.getrandbits(128))) + ".webp"
                           if is_generated else original)
        elif shape == "named":
            path = f"dalle-generations/{fid}-{uuid.UUID(int=r.getrandbits(128))}.webp" if is_generated \
                else f"{fid}-{original}"
        else:
            path = (f"dalle-generations/{fid}-{uuid.UUID(int=r.getrandbits(128))}.webp" if is_generated
                    else f"user-synthetic/{fid}-{uuid.UUID(int=r.getrandbits(128))}.png")
        files[path] = blob
        total += len(blob)

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in shards:
            z.writestr(name, json.dumps(data[name], ensure_ascii=False))
        for name in others:
            z.writestr(name, zin.read(name))
        if shape == "2026":
            z.writestr("conversation_asset_file_names.json", json.dumps(names))
        for path, blob in files.items():
            z.writestr(zipfile.ZipInfo(path), blob, compress_type=zipfile.ZIP_STORED)
    print(f"{len(pointers)} attachments pointed at, {len(files)} shipped ({total / 1e6:.1f} MB, "
          f"{len(made)} distinct) -> {out}")


if __name__ == "__main__":
    main()
