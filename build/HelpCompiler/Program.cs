using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace DkpFips.Build.Help
{
    /// <summary>
    /// Usage: HelpCompiler &lt;docs folder&gt; &lt;output folder&gt; &lt;assembly file name&gt;.
    /// Compiles every docs/*.md cmdlet file into one MAML file and every docs/about_*.md into
    /// about_*.help.txt. Exit 1 with file(line) messages when a file breaks the schema.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length != 3)
            {
                Console.Error.WriteLine("usage: HelpCompiler <docs folder> <output folder> <assembly file name>");
                return 2;
            }

            var (docs, output, assembly) = (args[0], args[1], args[2]);
            var commands = new List<CommandHelp>();
            var errors = new List<string>();
            Directory.CreateDirectory(output);
            foreach (var file in Directory.GetFiles(docs, "*.md").OrderBy(f => f, StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                try
                {
                    var text = File.ReadAllText(file);
                    if (name.StartsWith("about_", StringComparison.Ordinal))
                    {
                        File.WriteAllText(Path.Combine(output, name + ".help.txt"), AboutTopicWriter.Write(file, text), new UTF8Encoding(false));
                    }
                    else if (name.Contains('-'))
                    {
                        var help = CommandHelpReader.Read(file, text);
                        if (help.Name != name)
                        {
                            throw new HelpSchemaException(file, 1, $"the title '# {help.Name}' does not match the file name.");
                        }

                        commands.Add(help);
                    }
                }
                catch (HelpSchemaException ex)
                {
                    errors.Add(ex.Message);
                }
            }

            if (errors.Count > 0)
            {
                errors.ForEach(Console.Error.WriteLine);
                return 1;
            }

            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
            using (var writer = XmlWriter.Create(Path.Combine(output, assembly + "-Help.xml"), settings))
            {
                MamlWriter.Write(commands).Save(writer);
            }

            Console.WriteLine($"Help: {commands.Count} cmdlet(s) -> {assembly}-Help.xml");
            return 0;
        }
    }
}
