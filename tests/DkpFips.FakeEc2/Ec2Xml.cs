using System.Collections.Generic;
using System.Xml.Linq;

namespace DkpFips.FakeEc2
{
    /// <summary>Response bodies shaped as the EC2 API reference shows them (Query API, version 2016-11-15).</summary>
    public static class Ec2Xml
    {
        public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

        public static string DescribeImagesResponse(string requestId, IEnumerable<FakeImage> images)
        {
            var set = new XElement(Ns + "imagesSet");
            foreach (var image in images)
            {
                set.Add(Item(image));
            }

            var doc = new XDocument(
                new XDeclaration("1.0", "UTF-8", null),
                new XElement(Ns + "DescribeImagesResponse",
                    new XElement(Ns + "requestId", requestId),
                    set));
            return doc.Declaration + "\n" + doc.Root;
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
            var item = new XElement(Ns + "item",
                new XElement(Ns + "imageId", image.ImageId),
                new XElement(Ns + "imageLocation", (image.OwnerAlias ?? image.OwnerId) + "/" + (image.Name ?? image.ImageId)),
                new XElement(Ns + "imageState", image.State),
                new XElement(Ns + "imageOwnerId", image.OwnerId),
                new XElement(Ns + "creationDate", image.CreationDate),
                new XElement(Ns + "isPublic", image.IsPublic ? "true" : "false"),
                new XElement(Ns + "architecture", image.Architecture),
                new XElement(Ns + "imageType", "machine"));

            if (image.Platform is not null)
            {
                item.Add(new XElement(Ns + "platform", image.Platform));
            }

            item.Add(
                new XElement(Ns + "platformDetails", image.PlatformDetails),
                new XElement(Ns + "usageOperation", image.UsageOperation));

            if (image.OwnerAlias is not null)
            {
                item.Add(new XElement(Ns + "imageOwnerAlias", image.OwnerAlias));
            }

            if (image.Name is not null)
            {
                item.Add(new XElement(Ns + "name", image.Name));
            }

            if (image.Description is not null)
            {
                item.Add(new XElement(Ns + "description", image.Description));
            }

            item.Add(
                new XElement(Ns + "rootDeviceType", "ebs"),
                new XElement(Ns + "rootDeviceName", "/dev/sda1"),
                new XElement(Ns + "blockDeviceMapping",
                    new XElement(Ns + "item",
                        new XElement(Ns + "deviceName", "/dev/sda1"),
                        new XElement(Ns + "ebs",
                            new XElement(Ns + "snapshotId", "snap-0123456789abcdef0"),
                            new XElement(Ns + "volumeSize", "80"),
                            new XElement(Ns + "deleteOnTermination", "true"),
                            new XElement(Ns + "volumeType", "gp2"),
                            new XElement(Ns + "encrypted", "false")))),
                new XElement(Ns + "virtualizationType", "hvm"));

            if (image.StateReasonMessage is not null)
            {
                item.Add(new XElement(Ns + "stateReason",
                    new XElement(Ns + "code", image.StateReasonCode ?? "Client.InternalError"),
                    new XElement(Ns + "message", image.StateReasonMessage)));
            }

            if (image.Tags.Count > 0)
            {
                var tags = new XElement(Ns + "tagSet");
                foreach (var tag in image.Tags)
                {
                    tags.Add(new XElement(Ns + "item", new XElement(Ns + "key", tag.Key), new XElement(Ns + "value", tag.Value)));
                }

                item.Add(tags);
            }

            item.Add(
                new XElement(Ns + "hypervisor", "xen"),
                new XElement(Ns + "enaSupport", "true"),
                new XElement(Ns + "sriovNetSupport", "simple"));

            if (image.DeprecationTime is not null)
            {
                item.Add(new XElement(Ns + "deprecationTime", image.DeprecationTime));
            }

            return item;
        }
    }
}
