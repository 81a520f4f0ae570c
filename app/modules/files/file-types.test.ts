import { describe, expect, it } from "vitest";
import { cleanFilename, detectFileType, extensionMatches, extensionOf } from "./file-types";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("detecting a file's type from its bytes", () => {
  it("recognises JPEG, PNG and PDF signatures", () => {
    expect(detectFileType(bytes([0xff, 0xd8, 0xff, 0xe0], "JFIF"))).toBe("jpeg");
    expect(detectFileType(bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe("png");
    expect(detectFileType(bytes("%PDF-1.7\n"))).toBe("pdf");
  });
  it("recognises an xlsx but not any other ZIP", () => {
    expect(detectFileType(bytes([0x50, 0x4b, 3, 4], "....[Content_Types].xml....xl/workbook.xml"))).toBe("xlsx");
    expect(detectFileType(bytes([0x50, 0x4b, 3, 4], "....[Content_Types].xml....word/document.xml"))).toBe("unknown");
  });
  it("flags programs whatever their name", () => {
    expect(detectFileType(bytes("MZ", [0x90, 0]))).toBe("executable");
    expect(detectFileType(bytes([0x7f], "ELF", [2, 1]))).toBe("executable");
    expect(detectFileType(bytes("#!/bin/sh\n"))).toBe("executable");
  });
  it("answers unknown for text and for empty input", () => {
    expect(detectFileType(bytes("hello"))).toBe("unknown");
    expect(detectFileType(new Uint8Array())).toBe("unknown");
  });
});

describe("file names", () => {
  it("takes the extension case-insensitively, ignoring folders and leading dots", () => {
    expect(extensionOf("C:\\照片\\证件照.JPG")).toBe("jpg");
    expect(extensionOf(".bashrc")).toBe("");
  });
  it("checks the extension against the content", () => {
    expect(extensionMatches("a.jpeg", "jpeg")).toBe(true);
    expect(extensionMatches("report.pdf", "png")).toBe(false);
    expect(extensionMatches("noext", "pdf")).toBe(true);
  });
  it("cleans names: no folders, no quotes or control characters, an extension added", () => {
    expect(cleanFilename("../../etc/pa\"ss\nwd", "pdf")).toBe("passwd.pdf");
    expect(cleanFilename("证件照.png", "png")).toBe("证件照.png");
    expect(cleanFilename("", "jpeg")).toBe("file.jpg");
  });
});
