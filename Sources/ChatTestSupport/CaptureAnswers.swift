/// The final answer texts of the captured ChatGPT streams in `../shared/fixtures/`, copied
/// from the captures (not computed by a decoder), for every test that replays them.
public enum CaptureAnswers {
    /// The ml-demo capture's `v` strings concatenated (checked by hand against the file).
    public static let deltaV1Answer =
        "好的，我明白你的要求。为了获取你的环境信息，我会编写以下代码来检查你的操作系统、Python版本以及是否支持Bash。\n\n"
        + "请执行以下bash脚本，它会输出相关的操作系统和环境信息：\n\n```bash\n#!/bin/bash\n\n# 打印操作系统信息\n"
        + "echo \"操作系统信息：\"\nuname -a\n\n# 检查bash是否可用\nif command -v bash >/dev/null 2>&1; then\n"
        + "  echo \"Bash 已安装\"\n  bash --version\nelse\n  echo \"Bash 未安装\"\nfi\n\n# 检查Python版本\n"
        + "if command -v python3 >/dev/null 2>&1; then\n  echo \"Python 版本信息：\"\n  python3 --version\nelse\n"
        + "  echo \"Python 未安装\"\nfi\n\n# 列出已安装的Python库\nif command -v pip3 >/dev/null 2>&1; then\n"
        + "  echo \"已安装的Python库：\"\n  pip3 list\nelse\n  echo \"pip3 未安装\"\nfi\n```\n\n"
        + "请执行此代码，并将结果返回给我。我会根据结果进行进一步分析并提出后续的建议。"

    /// The last snapshot's `parts[0]` of the everything-chatgpt capture.
    public static let legacyAnswer = "Hello! It seems like your message got cut off. How can I assist you today?"

    /// The last snapshot's `parts[0]` of dev-master-ext's `chatResults`.
    public static let devMasterAnswer =
        "当然，请问有什么样的任务或问题我可以帮助您解决呢？我可以进行文本生成、回答问题、提供建议、编写代码、翻译语言等多种任务。请告诉我您需要什么样的帮助。"
}
