using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security;
using System.Text;
using System.Xml.Linq;

namespace DkpFips.FakeEc2
{
    /// <summary>Response bodies shaped as the EC2 API reference shows them (Query API, version 2016-11-15).</summary>
    public static class Ec2Xml
    {
        public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

        // Each image's <item> is rendered once and reused: the double shares the benchmark's two
        // cores, and EC2's own work to build a response is not the client's to pay for. Items are
        // rendered without a namespace and inherit the root's default one, exactly as in a
        // response built as one tree.
        private static readonly ConcurrentDictionary<string, string> RenderedItems = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public static string DescribeImagesResponse(string requestId, IEnumerable<FakeImage> images)
        {
            var body = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeImagesResponse xmlns=\"")
                .Append(Ns.NamespaceName).Append("\">\n  <requestId>").Append(SecurityElement.Escape(requestId)).Append("</requestId>\n  <imagesSet>");
            foreach (var image in images)
            {
                // Fixture images are immutable and an id always names the same image.
                body.Append(RenderedItems.GetOrAdd(image.ImageId, _ => Item(image).ToString(SaveOptions.DisableFormatting)));
            }

            return body.Append("</imagesSet>\n</DescribeImagesResponse>").ToString();
        }

        /// <summary>EC2's error body: Response/Errors/Error/(Code, Message), then RequestID. No namespace.</summary>
        public static string Error(string requestId, string code, string message)
        {
            var doc = new XDocument(
                new XDeclaration("1.0", "UTF-8", null),
                new XElement("Response",
                    new XElement("Errors",
                        new XElement("Error",
                            new XElement("Code", code),
                            new XElement("Message", message))),
                    new XElement("RequestID", requestId)));
            return doc.Declaration + "\n" + doc.Root;
        }

        private static XElement Item(FakeImage image)
        {
            var item = new XElement("item",
                new XElement("imageId", image.ImageId),
                new XElement("imageLocation", (image.OwnerAlias ?? image.OwnerId) + "/" + (image.Name ?? image.ImageId)),
                new XElement("imageState", image.State),
                new XElement("imageOwnerId", image.OwnerId),
                new XElement("creationDate", image.CreationDate),
                new XElement("isPublic", image.IsPublic ? "true" : "false"),
                new XElement("architecture", image.Architecture),
                new XElement("imageType", "machine"));

            if (image.Platform is not null)
            {
                item.Add(new XElement("platform", image.Platform));
            }

            item.Add(
                new XElement("platformDetails", image.PlatformDetails),
                new XElement("usageOperation", image.UsageOperation));

            if (image.OwnerAlias is not null)
            {
                item.Add(new XElement("imageOwnerAlias", image.OwnerAlias));
            }

            if (image.Name is not null)
            {
                item.Add(new XElement("name", image.Name));
            }

            if (image.Description is not null)
            {
                item.Add(new XElement("description", image.Description));
            }

            item.Add(
                new XElement("rootDeviceType", "ebs"),
                new XElement("rootDeviceName", "/dev/sda1"),
                new XElement("blockDeviceMapping",
                    new XElement("item",
                        new XElement("deviceName", "/dev/sda1"),
                        new XElement("ebs",
                            new XElement("snapshotId", "snap-0123456789abcdef0"),
                            new XElement("volumeSize", "80"),
                            new XElement("deleteOnTermination", "true"),
                            new XElement("volumeType", "gp2"),
                            new XElement("encrypted", "false")))),
                new XElement("virtualizationType", "hvm"));

            if (image.StateReasonMessage is not null)
            {
                item.Add(new XElement("stateReason",
                    new XElement("code", image.StateReasonCode ?? "Client.InternalError"),
                    new XElement("message", image.StateReasonMessage)));
            }

            if (image.Tags.Count > 0)
            {
                var tags = new XElement("tagSet");
                foreach (var tag in image.Tags)
                {
                    tags.Add(new XElement("item", new XElement("key", tag.Key), new XElement("value", tag.Value)));
                }

                item.Add(tags);
            }

            item.Add(
                new XElement("hypervisor", "xen"),
                new XElement("enaSupport", "true"),
                new XElement("sriovNetSupport", "simple"));

            if (image.DeprecationTime is not null)
            {
                item.Add(new XElement("deprecationTime", image.DeprecationTime));
            }

            return item;
        }
    }
}
